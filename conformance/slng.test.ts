// slng conformance under vitest (npm test): conformance/suites/slng.ts, against the simulator, or a live API
// when BATCHSPEC_SLNG_BASE_URL and _TOKEN are set.
import { registerSuite } from "./harness/vitest.ts";
import suite from "./suites/slng.ts";

registerSuite(suite);
