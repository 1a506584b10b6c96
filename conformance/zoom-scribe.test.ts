// zoom-scribe conformance under vitest (npm test): conformance/suites/zoom-scribe.ts, against the simulator, or a live API
// when BATCHSPEC_ZOOM_SCRIBE_BASE_URL and _TOKEN are set.
import { registerSuite } from "./harness/vitest.ts";
import suite from "./suites/zoom-scribe.ts";

registerSuite(suite);
