// zoom-translator conformance under vitest (npm test): conformance/suites/zoom-translator.ts, against the simulator served over
// HTTP on loopback, or a live API when BATCHSPEC_ZOOM_TRANSLATOR_BASE_URL and _TOKEN are set.
import { registerSuiteForTests } from "./harness/vitest.ts";
import suite from "./suites/zoom-translator.ts";

await registerSuiteForTests(suite);
