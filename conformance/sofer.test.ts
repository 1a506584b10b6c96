// sofer conformance under vitest (npm test): conformance/suites/sofer.ts, against the simulator, or a live API
// when BATCHSPEC_SOFER_BASE_URL and _TOKEN are set.
import { registerSuite } from "./harness/vitest.ts";
import suite from "./suites/sofer.ts";

registerSuite(suite);
