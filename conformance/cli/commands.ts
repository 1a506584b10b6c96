// `batchspec mock` and `batchspec proxy`: long-running servers on loopback, stopped by Ctrl-C (SIGINT) or
// SIGTERM.
import { isProvider, PROVIDERS } from "../suites/index.ts";
import type { Io } from "./main.ts";
import { parse, UsageError } from "./main.ts";

/** `mock --help` / `proxy --help`: the command's usage, exit 0. */
export class HelpAsked extends Error {
  constructor(readonly command: string) {
    super(command);
  }
}

export const COMMAND_HELP: Record<string, string> = {
  mock: `batchspec mock --provider ID [--port N] [--host H] [--token T] [--advance-on-get]

Serves a provider's simulator over HTTP under its spec server's path (http://127.0.0.1:PORT/v2 for Zoom).
  --port N           the port (default 0: a free one, printed at start)
  --host H           the address (default 127.0.0.1)
  --token T          the bearer token or API key it accepts (default "conformance-token")
  --advance-on-get   a read of a job moves it one step, so a client's wait ends on its own
Control (JSON bodies, Content-Type: application/json): POST /__batchspec/advance | complete | fault | reset,
GET /__batchspec/health | requests. Request bodies over 64 MiB get a 413 (SLNG: over 1 GB).`,
  proxy: `batchspec proxy --provider ID --upstream URL [--port N] [--host H]

Forwards to the real API at URL and checks every request and response against the spec: violations in
the x-batchspec-violations header and one log line each (stderr), credentials redacted; bodies over 8 MiB
stream through unchecked (x-batchspec-unchecked).
  --port N   the port (default 0: a free one, printed at start)
  --host H   the address (default 127.0.0.1)`,
};

function providerOf(command: string, given: string | undefined): string {
  if (given === undefined)
    throw new UsageError(`${command}: --provider is required (valid: ${PROVIDERS.join(", ")})`);
  if (!isProvider(given))
    throw new UsageError(`${command}: unknown provider "${given}" (valid: ${PROVIDERS.join(", ")})`);
  return given;
}

function portOf(command: string, given: string | undefined): number {
  if (given === undefined) return 0;
  if (!/^\d{1,5}$/.test(given) || Number(given) > 65535)
    throw new UsageError(
      `${command}: --port: expected a port number from 0 to 65535, got ${JSON.stringify(given)}`,
    );
  return Number(given);
}

/** Resolves when the process is asked to stop. */
const stopped = () =>
  new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });

export async function mock(args: string[], io: Io): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) throw new HelpAsked("mock");
  const { values } = parse("mock", args, {
    provider: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    token: { type: "string" },
    "advance-on-get": { type: "boolean" },
  });
  const provider = providerOf("mock", values.provider);
  const { startMockServer } = await import("./mock-server.ts");
  const server = await startMockServer({
    provider: provider as never,
    port: portOf("mock", values.port),
    ...(values.host ? { host: values.host } : {}),
    ...(values.token ? { token: values.token } : {}),
    ...(values["advance-on-get"] ? { advanceOnGet: true } : {}),
  });
  io.out(
    [
      `batchspec mock: ${provider} simulator at ${server.url}`,
      `  token: ${values.token ? "the one given with --token" : '"conformance-token"'}`,
      `  control: POST ${server.origin}/__batchspec/advance | complete | fault | reset (Content-Type: application/json); GET ${server.origin}/__batchspec/health | requests`,
      "  Ctrl-C stops it.",
    ].join("\n"),
  );
  await stopped();
  await server.close();
  return 0;
}

export async function proxy(args: string[], io: Io): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) throw new HelpAsked("proxy");
  const { values } = parse("proxy", args, {
    provider: { type: "string" },
    upstream: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
  });
  const provider = providerOf("proxy", values.provider);
  const upstream = values.upstream;
  if (!upstream || !URL.canParse(upstream) || !/^https?:$/.test(new URL(upstream).protocol))
    throw new UsageError(
      `proxy: --upstream: expected the API's base URL (http or https), got ${JSON.stringify(upstream ?? "")}`,
    );
  const { startProxy } = await import("./proxy.ts");
  const server = await startProxy({
    provider: provider as never,
    upstream,
    port: portOf("proxy", values.port),
    ...(values.host ? { host: values.host } : {}),
    log: (line) => io.err(line),
  });
  io.out(
    [
      `batchspec proxy: ${provider} at ${server.url} → ${upstream}`,
      "  each exchange is checked against the spec; violations are logged here and sent back in the",
      "  x-batchspec-violations header. Ctrl-C stops it.",
    ].join("\n"),
  );
  await stopped();
  await server.close();
  return 0;
}
