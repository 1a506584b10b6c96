#!/usr/bin/env node
// batchspec: the command line of the toolkit, run from an installed package (`npx batchspec ...`).
//
//   batchspec conformance [--provider ID ...] [--base-url URL --token T] [--include P] [--exclude P]
//                         [--junit FILE] [--json FILE] [--allow-writes] [--seed N] [--verbose]
//   batchspec mock --provider ID [--port N] [--host H] [--token T] [--advance-on-get]
//   batchspec proxy --provider ID --upstream URL [--port N] [--host H]
//
// Exit status: 0 every check passed, 1 a check failed (or the target could not be checked), 2 bad usage.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { redactText } from "../../src/core/redact.ts";
import { runSuite, type SuiteReport } from "../harness/runner.ts";
import { envName, liveTarget, TargetError, type Target } from "../harness/target.ts";
import { isProvider, PROVIDERS, SUITES, type ProviderId } from "../suites/index.ts";
import { formatSuite, formatTable, json, junit, styleFor } from "./report.ts";

/** A mistake in how the command was called: said in one line, exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

const HELP = `batchspec: typed specs, clients, simulators and conformance checks for batch speech APIs

Usage:
  batchspec conformance [options]   run the conformance checks (default: every provider's simulator)
  batchspec mock --provider ID      serve a provider's simulator over HTTP on loopback
  batchspec proxy --provider ID --upstream URL
                                    forward to the real API, checking every exchange against the spec
  batchspec help | --version         (batchspec mock --help, batchspec proxy --help: their options)

conformance options:
  --provider ID       a provider to check (repeatable; default all): ${PROVIDERS.join(", ")}
  --base-url URL      check a live API at URL instead of the simulator (one provider)
  --token T           the bearer token or API key for --base-url
  --include P         run only the checks whose name contains P (repeatable)
  --exclude P         skip the checks whose name contains P (repeatable)
  --allow-writes      against a live API, also run the checks that create something
  --junit FILE        write a JUnit XML report
  --json FILE         write a JSON report
  --seed N            the seed of the negative checks' draws (default 20261130: CI runs repeat)
  --runs N            broken requests per operation in the negative checks (default 12; more for a
                      deep run, e.g. --runs 200 with a random --seed)
  --timeout S         against a live API, how long a request may wait for its answer (default 30 s)
  --verbose           list every check, not only failures

Environment (for CI, instead of options): BATCHSPEC_PROVIDERS (comma-separated), BATCHSPEC_<ID>_BASE_URL
and BATCHSPEC_<ID>_TOKEN per provider (e.g. BATCHSPEC_ZOOM_SCRIBE_BASE_URL; for Zoom, BATCHSPEC_<ID>_JOB_ID
also walks every file of that job), BATCHSPEC_ALLOW_WRITES=1,
BATCHSPEC_JUNIT, BATCHSPEC_JSON, BATCHSPEC_SEED, BATCHSPEC_RUNS, BATCHSPEC_TIMEOUT.

Exit status: 0 all checks passed, 1 a check failed or a target could not be checked, 2 bad usage.`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

const CONFORMANCE_OPTIONS = {
  provider: { type: "string", multiple: true },
  "base-url": { type: "string" },
  token: { type: "string" },
  include: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
  "allow-writes": { type: "boolean" },
  junit: { type: "string" },
  json: { type: "string" },
  seed: { type: "string" },
  runs: { type: "string" },
  timeout: { type: "string" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

/** Parses `args` for `options`; an unknown option or a missing value is a UsageError naming the valid ones. */
export function parse<O extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    const valid = Object.keys(options)
      .map((o) => `--${o}`)
      .join(", ");
    const said = (error as Error).message.split("\n")[0]!.replace(/\. To specify a positional.*$/, "");
    throw new UsageError(`${command}: ${said} (valid options: ${valid})`);
  }
}

function providersFrom(given: string[] | undefined, io: Io): ProviderId[] {
  const asked = given?.length
    ? given.flatMap((p) => p.split(","))
    : (io.env.BATCHSPEC_PROVIDERS?.split(",") ?? []);
  const ids = asked.map((p) => p.trim()).filter((p) => p !== "");
  const unknown = ids.filter((p) => !isProvider(p));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown provider ${unknown.map((u) => `"${u}"`).join(", ")} (valid: ${PROVIDERS.join(", ")})`,
    );
  return ids.length > 0 ? [...new Set(ids as ProviderId[])] : PROVIDERS;
}

async function conformance(args: string[], io: Io): Promise<number> {
  const { values } = parse("conformance", args, CONFORMANCE_OPTIONS);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const providers = providersFrom(values.provider, io);
  for (const [option, patterns] of [
    ["--include", values.include],
    ["--exclude", values.exclude],
  ] as const)
    if (patterns?.some((p) => p.trim() === ""))
      throw new UsageError(`${option}: an empty pattern (it would match every check)`);
  const seedText = values.seed ?? io.env.BATCHSPEC_SEED;
  if (seedText !== undefined && !/^\d{1,10}$/.test(seedText))
    throw new UsageError(`--seed: expected a whole number, got ${JSON.stringify(seedText)}`);
  const runsText = values.runs ?? io.env.BATCHSPEC_RUNS;
  if (runsText !== undefined && !(/^\d{1,6}$/.test(runsText) && Number(runsText) > 0))
    throw new UsageError(`--runs: expected a whole number above 0, got ${JSON.stringify(runsText)}`);
  const timeoutText = values.timeout ?? io.env.BATCHSPEC_TIMEOUT;
  if (timeoutText !== undefined && !(/^\d{1,5}(\.\d+)?$/.test(timeoutText) && Number(timeoutText) > 0))
    throw new UsageError(`--timeout: expected seconds above 0, got ${JSON.stringify(timeoutText)}`);
  if (values.token !== undefined && values["base-url"] === undefined)
    throw new UsageError("--token is given without --base-url (the simulators need no token)");
  if (values["base-url"] !== undefined && providers.length !== 1)
    throw new UsageError(
      `--base-url names one provider's API: give exactly one --provider (or use BATCHSPEC_<ID>_BASE_URL per provider)`,
    );
  const targets = new Map<ProviderId, Target | undefined>();
  try {
    for (const id of providers) {
      if (values["base-url"] !== undefined) targets.set(id, liveTarget(values["base-url"], values.token));
      else {
        const url = io.env[envName(id, "BASE_URL")];
        targets.set(
          id,
          url
            ? liveTarget(url, io.env[envName(id, "TOKEN")], envName(id, "BASE_URL"), envName(id, "TOKEN"))
            : undefined,
        );
      }
    }
  } catch (error) {
    if (error instanceof TargetError) throw new UsageError(error.message);
    throw error;
  }
  // The report files can be written: found out now, not after the whole run.
  const outputs = [
    ["--junit", values.junit ?? io.env.BATCHSPEC_JUNIT, junit],
    ["--json", values.json ?? io.env.BATCHSPEC_JSON, json],
  ] as const;
  for (const [option, file] of outputs) {
    if (!file) continue;
    const problem = writable(file);
    if (problem) throw new UsageError(`${option}: cannot write ${file}: ${problem}`);
  }
  const allowWrites =
    values["allow-writes"] ?? ["1", "true", "yes"].includes(io.env.BATCHSPEC_ALLOW_WRITES ?? "");
  const style = styleFor({ isTTY: io.isTTY }, io.env);

  const reports: SuiteReport[] = [];
  for (const id of providers) {
    const suite = await SUITES[id]();
    const target = targets.get(id) ?? { kind: "simulator" as const, ...suite.simulatorTarget };
    const report = await runSuite(suite, target, {
      allowWrites,
      ...(seedText !== undefined ? { seed: Number(seedText) } : {}),
      ...(runsText !== undefined ? { negativeRuns: Number(runsText) } : {}),
      ...(timeoutText !== undefined
        ? { requestTimeoutMs: Number(timeoutText) * 1000, preflightTimeoutMs: Number(timeoutText) * 1000 }
        : {}),
      ...(values.include ? { include: values.include } : {}),
      ...(values.exclude ? { exclude: values.exclude } : {}),
    });
    reports.push(report);
    io.out(`${formatSuite(report, style, values.verbose ?? false)}\n`);
  }
  io.out(formatTable(reports));
  for (const [option, file, text] of outputs) {
    if (!file) continue;
    try {
      writeFileSync(file, text(reports));
    } catch (error) {
      io.err(`${option}: cannot write ${file}: ${(error as Error).message}`);
      return 1;
    }
  }
  const selected = reports.flatMap((r) => r.checks).filter((c) => !c.reason?.startsWith("not selected ("));
  if ((values.include || values.exclude) && selected.length === 0)
    throw new UsageError(
      `no check matches ${[...(values.include ?? []).map((p) => `--include ${JSON.stringify(p)}`), ...(values.exclude ?? []).map((p) => `--exclude ${JSON.stringify(p)}`)].join(" ")} (--verbose lists the checks)`,
    );
  const failed = reports.some((r) => r.preflight?.fatal || r.checks.some((c) => c.outcome === "failed"));
  return failed ? 1 : 0;
}

/**
 * Why `file` cannot be written, or undefined when it can: its folder is made if missing (one level at
 * a time: a recursive mkdir can spin forever under /proc), and the file is created empty.
 */
function writable(file: string): string | undefined {
  try {
    const missing: string[] = [];
    for (let dir = dirname(resolve(file)); !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
    for (const dir of missing) mkdirSync(dir);
    writeFileSync(file, "");
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

/** The package's version, from its package.json. */
function version(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    try {
      return (JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { version: string }).version;
    } catch {
      // the next place up (source or built layout)
    }
  }
  return "unknown";
}

/** Runs the command line; resolves to the exit status (the bin sets it). */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "conformance":
        return await conformance(rest, io);
      case "mock":
      case "proxy": {
        const commands = await import("./commands.ts");
        try {
          return await commands[command](rest, io);
        } catch (error) {
          if (!(error instanceof commands.HelpAsked)) throw error;
          io.out(commands.COMMAND_HELP[command]!);
          return 0;
        }
      }
      case "--version":
      case "-v":
        io.out(`batchspec ${version()}`);
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}" (valid: conformance, mock, proxy, help)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`batchspec: ${error.message}\nRun "batchspec help" for usage.`);
      return 2;
    }
    throw error;
  }
}

/** The values given with --token (and in BATCHSPEC_*_TOKEN), to scrub from anything printed. */
function tokensIn(argv: string[]): string[] {
  const given = argv.flatMap((a, i) =>
    a === "--token" ? [argv[i + 1] ?? ""] : a.startsWith("--token=") ? [a.slice(8)] : [],
  );
  const env = Object.entries(process.env)
    .filter(([k]) => /^BATCHSPEC_.*TOKEN$/.test(k))
    .map(([, v]) => v ?? "");
  return [...given, ...env].filter((t) => t.length > 1);
}

const isMain =
  process.argv[1] !== undefined &&
  import.meta.url ===
    (await import("node:url")).pathToFileURL((await import("node:fs")).realpathSync(process.argv[1])).href;
if (isMain) {
  const io: Io = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  };
  main(process.argv.slice(2), io).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      // A bug of batchspec's: its message (credentials scrubbed), the stack only when asked for.
      const text = process.env.BATCHSPEC_DEBUG
        ? ((error as Error)?.stack ?? String(error))
        : String((error as Error)?.message ?? error);
      process.stderr.write(`batchspec: unexpected error: ${redactText(text, tokensIn(process.argv))}\n`);
      process.exitCode = 1;
    },
  );
}
