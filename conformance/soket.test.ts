// soket conformance under vitest (npm test): conformance/suites/soket.ts, against the simulator served over
// HTTP on loopback, or a live API when BATCHSPEC_SOKET_BASE_URL and _TOKEN are set.
import { registerSuiteForTests } from "./harness/vitest.ts";
import suite from "./suites/soket.ts";

await registerSuiteForTests(suite);
