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
    // Type tests (`*.test-d.ts`: expectTypeOf, @ts-expect-error) are reported as tests too.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
  },
});
