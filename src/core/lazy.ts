// A module loaded on first use, once: `const batches = lazy(() => import("./batches.ts"))`, then
// `(await batches()).createExpress(...)`. The import() stays a literal a bundler splits into its own
// chunk; the promise is kept, so later calls do not go through the module loader again (cheap in plain
// Node, but a loader hook, as tsx's and vitest's are, runs on every import()).
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  // A load that failed (a chunk a page could not fetch) is tried again by the next call, not kept.
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}
