// slng conformance under vitest (npm test): conformance/suites/slng.ts, against the simulator served over
// HTTP on loopback, or a live API when BATCHSPEC_SLNG_BASE_URL and _TOKEN are set.
import { registerSuiteForTests } from "./harness/vitest.ts";
import suite from "./suites/slng.ts";

await registerSuiteForTests(suite);
