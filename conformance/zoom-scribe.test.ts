// zoom-scribe conformance under vitest (npm test): conformance/suites/zoom-scribe.ts, against the simulator served over
// HTTP on loopback, or a live API when BATCHSPEC_ZOOM_SCRIBE_BASE_URL and _TOKEN are set.
import { registerSuiteForTests } from "./harness/vitest.ts";
import suite from "./suites/zoom-scribe.ts";

await registerSuiteForTests(suite);
