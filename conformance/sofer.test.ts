// sofer conformance under vitest (npm test): conformance/suites/sofer.ts, against the simulator served over
// HTTP on loopback, or a live API when BATCHSPEC_SOFER_BASE_URL and _TOKEN are set.
import { registerSuiteForTests } from "./harness/vitest.ts";
import suite from "./suites/sofer.ts";

await registerSuiteForTests(suite);
