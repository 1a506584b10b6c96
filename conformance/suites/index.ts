// The conformance suite of every provider, loaded on demand (a suite builds its simulator's state when
// it loads).
import type { ConformanceSuite } from "../harness/suite.ts";

export const SUITES = {
  "zoom-scribe": async () => (await import("./zoom-scribe.ts")).default,
  "zoom-translator": async () => (await import("./zoom-translator.ts")).default,
  sofer: async () => (await import("./sofer.ts")).default,
  soket: async () => (await import("./soket.ts")).default,
  slng: async () => (await import("./slng.ts")).default,
} satisfies Record<string, () => Promise<ConformanceSuite>>;

export type ProviderId = keyof typeof SUITES;
export const PROVIDERS = Object.keys(SUITES) as ProviderId[];
export const isProvider = (id: string): id is ProviderId => Object.hasOwn(SUITES, id);
