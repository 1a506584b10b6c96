// soket conformance under vitest (npm test): conformance/suites/soket.ts, against the simulator, or a live API
// when BATCHSPEC_SOKET_BASE_URL and _TOKEN are set.
import { registerSuite } from "./harness/vitest.ts";
import suite from "./suites/soket.ts";

registerSuite(suite);
