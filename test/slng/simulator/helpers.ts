// Shared by the SLNG simulator's tests: a simulator with a clock the test moves, and a request helper.
import { createSlngState, slngFetch, type SlngSimulatorOptions } from "../../../src/slng/mock.ts";

export const BASE = "https://api.batch.slng.ai";
export const KEY = "conformance-token";

export function simulator(options: SlngSimulatorOptions = {}) {
  let now = Date.parse("2026-06-01T00:00:00Z");
  const state = createSlngState({ now: () => new Date(now), ...options });
  const fetch = slngFetch(state);
  const clock = {
    /** Moves the clock on, in seconds. */
    tick: (seconds: number) => (now += seconds * 1000),
  };
  return { state, fetch, clock };
}

export const config = { language: "en", operating_point: "standard" as const };

export function multipartForm(file: Blob, name = "a.wav", fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append("file", file, name);
  form.append("transcription_config", JSON.stringify(config));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

export function jsonRequest(method: string, path: string, body?: unknown, key: string | null = KEY) {
  const headers = new Headers();
  if (key !== null) headers.set("Authorization", `Bearer ${key}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`${BASE}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
