import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "conformance/**/*.test.ts"],
    // The JSON report feeds the `N passed, N failed` line of .ci/run and the conformance report.
    reporters: [
      "default",
      ["json", { outputFile: process.env.BATCHSPEC_VITEST_JSON ?? ".test-results/vitest.json" }],
    ],
    testTimeout: 20_000,
    // A test file on every core: vitest's default (one core fewer) runs them one at a time on a 2-core
    // machine, while its main process idles once the files are transformed (33 s -> 23 s there).
    maxWorkers: availableParallelism(),
    // The test files of a worker share its modules (src/, msw, ajv...) instead of importing them again
    // for each file: about a third of the CPU of a run. Each file still sets up and tears down its own
    // servers and state.
    isolate: false,
    // No typecheck here: the type tests (`*.test-d.ts`: expectTypeOf, @ts-expect-error) are checked by
    // the one `tsc` run of `npm test` (tsconfig.json includes test/), which fails on any of them.
  },
});
