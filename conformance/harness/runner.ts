// Runs a conformance suite's session without a test framework (what the `batchspec` CLI does): first a
// preflight against a live target (one request: is it there, does it take the token, does it answer
// what the spec says), then every check in order. Each check ends passed, failed (a one-line reason,
// the exchange that shows it: method, URL, status, and a curl command that reproduces it, secrets
// redacted) or skipped (why). Nothing a check throws escapes: a target that answers nonsense gives
// failures with reasons, never a stack trace.
import { redactText } from "../../src/core/redact.ts";
import { redactUrl, REDACTED, SECRET_KEYS } from "../../src/core/secret-values.ts";
import type { Exchange } from "./checked-fetch.ts";
import { sampleRequest } from "./examples.ts";
import {
  CheckSkipped,
  RequestTimeout,
  type CheckGroup,
  type ConformanceSuite,
  type PlannedCheck,
  type Session,
  type SessionOptions,
} from "./suite.ts";
import type { Target } from "./target.ts";

export interface ExchangeSummary {
  method: string;
  /** With credentials in its query redacted. */
  url: string;
  status: number | undefined;
  /** A curl command that sends the same request (the token as `$BATCHSPEC_TOKEN`, secrets redacted). */
  curl: string;
}

export interface CheckResult {
  name: string;
  group: CheckGroup;
  outcome: "passed" | "failed" | "skipped";
  /** Failed: what went wrong, in one line. Skipped: why it did not run. */
  reason?: string;
  /** Failed: the full message (several lines, secrets redacted). */
  detail?: string;
  /** Failed: the exchange that shows it (the first off the spec, else the check's last). */
  exchange?: ExchangeSummary;
  durationMs: number;
}

export interface SuiteReport {
  id: string;
  target: { kind: Target["kind"]; baseUrl: string };
  /** A problem with the target as a whole (unreachable, token refused, answers off the spec), in one line. */
  preflight?: { fatal: boolean; message: string };
  checks: CheckResult[];
  statuses: { provoked: number; documented: number };
  /** The spec's `x-inferred` points: what it assumes where the provider's documents are silent. */
  inferred: number;
  /** Against a live API with writes: what the run created and could not remove at the end. */
  leftBehind: string[];
}

export interface RunOptions extends SessionOptions {
  /** Run only the checks whose name contains one of these (case-insensitive), ... */
  include?: readonly string[];
  /** ... and none of these. */
  exclude?: readonly string[];
  /** Called as each check ends (a CLI prints progress). */
  onCheck?(result: CheckResult): void;
  /** How long the preflight waits for an answer. Default: the request timeout (30 s). */
  preflightTimeoutMs?: number;
}

export async function runSuite(
  suite: ConformanceSuite,
  target: Target,
  options: RunOptions = {},
): Promise<SuiteReport> {
  const session = suite.start(target, options);
  const secrets = [target.token];
  const report: SuiteReport = {
    id: suite.id,
    target: { kind: target.kind, baseUrl: target.baseUrl },
    checks: [],
    statuses: { provoked: 0, documented: 0 },
    inferred: session.inferred,
    leftBehind: [],
  };
  if (target.kind === "live") {
    const problem = await preflight(
      session,
      options.preflightTimeoutMs ?? options.requestTimeoutMs ?? 30_000,
    );
    if (problem) report.preflight = { ...problem, message: redactText(problem.message, secrets) };
  }
  const selected = (check: PlannedCheck) => {
    const name = check.name.toLowerCase();
    if (options.include?.length && !options.include.some((p) => name.includes(p.toLowerCase())))
      return "not selected (--include)";
    if (options.exclude?.some((p) => name.includes(p.toLowerCase()))) return "not selected (--exclude)";
    return undefined;
  };
  // A live target that stops answering: after two checks in a row timed out, the rest are not run.
  let timeoutsInARow = 0;
  let gaveUp: string | undefined;
  for (const check of session.checks) {
    const started = performance.now();
    const skipped =
      (report.preflight?.fatal ? `not run: ${report.preflight.message}` : undefined) ??
      (gaveUp ? `not run: ${gaveUp}` : undefined) ??
      selected(check) ??
      check.skipped;
    let result: CheckResult;
    if (skipped)
      result = { name: check.name, group: check.group, outcome: "skipped", reason: skipped, durationMs: 0 };
    else {
      const first = session.exchanges.length;
      try {
        await session.run(check);
        result = { name: check.name, group: check.group, outcome: "passed", durationMs: 0 };
        timeoutsInARow = 0;
      } catch (error) {
        if (error instanceof CheckSkipped)
          result = {
            name: check.name,
            group: check.group,
            outcome: "skipped",
            reason: error.message,
            durationMs: 0,
          };
        else result = failed(check, error, session.exchanges.slice(first), secrets);
        timeoutsInARow = error instanceof RequestTimeout ? timeoutsInARow + 1 : 0;
        if (timeoutsInARow >= 2) {
          gaveUp = "the target stopped answering (two checks in a row got no answer in time)";
          report.preflight = { fatal: true, message: gaveUp };
        }
      }
      result.durationMs = performance.now() - started;
    }
    report.checks.push(result);
    options.onCheck?.(result);
  }
  if (target.kind === "live")
    report.leftBehind = (await session.cleanup()).map((l) => redactText(l, secrets));
  const statuses = session.statuses();
  report.statuses = { provoked: statuses.provoked.length, documented: statuses.documented.length };
  return report;
}

/**
 * One request that says whether the target can be checked at all: a list operation (a GET without path
 * parameters) as the spec's examples describe it. Unreachable or the token refused: fatal. An answer off
 * the spec: said once, and the checks still run (each says what it got).
 */
async function preflight(
  session: Session,
  timeoutMs: number,
): Promise<{ fatal: boolean; message: string } | undefined> {
  const { target } = session;
  const operation = session.validator.operations.find(
    (o) => o.method === "GET" && o.path !== undefined && !o.path.includes("{"),
  );
  const request = operation
    ? sampleRequest(session.validator, target.baseUrl, operation.operationId, target.token)
    : new Request(target.baseUrl, { headers: { Authorization: `Bearer ${target.token}` } });
  const what = `${request.method} ${redactUrl(request.url)}`;
  let response: Response;
  try {
    response = await fetch(request, { signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
  } catch (error) {
    return { fatal: true, message: `cannot reach ${target.baseUrl} (${what}): ${networkReason(error)}` };
  }
  const text = await response.text().catch(() => "");
  if (response.status === 401 || response.status === 403)
    return {
      fatal: true,
      message: `the token was refused: ${what} → ${response.status}${text ? ` ${oneLine(text, 200)}` : ""}`,
    };
  if (!operation) return undefined;
  let body: unknown = text;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // kept as text: the validator says what is wrong with it
  }
  const issues = session.validator.validateResponse(operation.operationId, {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get("content-type"),
    body,
  });
  if (issues.length === 0) return undefined;
  const first = issues
    .slice(0, 3)
    .map((i) => `${i.location}: ${i.message}`)
    .join("; ");
  return {
    fatal: false,
    message: `the target answers off the spec: ${what} → ${response.status}: ${first}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}`,
  };
}

/** A failed request's network cause (a refused or reset connection, a TLS problem), in a few words. */
function networkCause(error: unknown): string | undefined {
  for (let e: any = error, depth = 0; e && depth < 6; e = e.cause, depth++) {
    const code = e?.code ?? e?.cause?.code;
    if (
      e?.message === "fetch failed" ||
      (typeof code === "string" && /^(E[A-Z]+|UND_ERR_\w+|CERT_\w+)$/.test(code))
    )
      return networkReason(e.message === "fetch failed" ? e : { cause: e });
  }
  return undefined;
}

/** What stopped a request from reaching the target, in a few words. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  if ((error as Error)?.name === "TimeoutError") return "no answer in time";
  const known: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ENOTFOUND: "no such host",
    EAI_AGAIN: "the host name could not be resolved",
    ECONNRESET: "the connection was reset",
    UND_ERR_SOCKET: "the server closed the connection",
    UND_ERR_HEADERS_TIMEOUT: "no answer in time",
    UND_ERR_BODY_TIMEOUT: "the body stopped coming",
    CERT_HAS_EXPIRED: "its TLS certificate has expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  };
  if (code) return known[code] ?? code;
  return typeof cause?.message === "string" ? cause.message : String((error as Error)?.message ?? error);
}

function failed(check: PlannedCheck, error: unknown, exchanges: Exchange[], secrets: string[]): CheckResult {
  const message = redactText(stripAnsi(error instanceof Error ? error.message : String(error)), secrets);
  // A target answering nonsense makes a check trip over the answer (a TypeError reading a field of it):
  // the answer's departure from the spec is the reason worth reading first.
  const offSpec = exchanges.find(
    (e) => !e.foreign && (e.responseIssues.length > 0 || e.status === undefined),
  );
  const programmingError =
    error instanceof TypeError || error instanceof ReferenceError || /\bundefined\b/.test(message);
  const firstIssue = offSpec?.responseIssues[0];
  const network = networkCause(error);
  const reason = network
    ? `the request failed: ${network}`
    : programmingError && offSpec && firstIssue
      ? `${offSpec.method} ${pathOf(offSpec.url)} → ${offSpec.status}: response ${firstIssue.location}: ${firstIssue.message}`
      : oneLine(message, 300);
  const pinned = (error as { exchange?: Exchange } | null)?.exchange;
  const shown = pinned ?? offSpec ?? exchanges.at(-1);
  return {
    name: check.name,
    group: check.group,
    outcome: "failed",
    reason: redactText(reason, secrets),
    detail: message,
    ...(shown ? { exchange: summarize(shown, secrets) } : {}),
    durationMs: 0,
  };
}

export function summarize(exchange: Exchange, secrets: readonly string[]): ExchangeSummary {
  return {
    method: exchange.method,
    url: redactUrl(exchange.url),
    status: exchange.status,
    curl: curlOf(exchange, secrets),
  };
}

/** A curl command for the exchange's request: the bearer token as $BATCHSPEC_TOKEN, other secrets redacted. */
export function curlOf(exchange: Exchange, secrets: readonly string[]): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ["curl", "-X", exchange.method, quote(redactUrl(exchange.url))];
  for (const [name, value] of exchange.requestHeaders) {
    if (name === "content-length") continue;
    // The run's token as a variable; any other credential (a made-up one a check sent) as it was.
    if (name === "authorization" && secrets.some((secret) => secret.length > 1 && value.includes(secret))) {
      parts.push("-H", `"Authorization: Bearer $BATCHSPEC_TOKEN"`);
      continue;
    }
    const secret = SECRET_KEYS.test(name) || /^x-(api-)?key$|cookie/i.test(name);
    parts.push("-H", quote(`${name}: ${secret ? REDACTED : redactText(value, secrets)}`));
  }
  const body = exchange.requestBody;
  const files: string[] = [];
  if (exchange.form.length > 0) {
    // A multipart body as curl's -F parts (curl writes its own boundary, so its Content-Type goes);
    // a file part reads a file of that name, which the one who repeats it provides.
    const at = parts.findIndex((p) => /^'content-type: multipart\//i.test(p));
    if (at > 0) parts.splice(at - 1, 2);
    for (const f of exchange.form) {
      if (f.text !== undefined) parts.push("-F", quote(`${f.name}=${redactText(f.text, secrets)}`));
      else {
        parts.push("-F", quote(`${f.name}=@${f.filename ?? "file"}${f.type ? `;type=${f.type}` : ""}`));
        files.push(`${f.filename ?? "file"} (${f.size} bytes)`);
      }
    }
    // A comment ends the line in a shell, so what the command needs is said after it.
    if (files.length > 0) parts.push(`# with the files ${files.join(", ")}`);
  } else if (body !== undefined) {
    if (body.startsWith("<") && body.endsWith(" bytes>")) parts.push(`# body not shown: ${body}`);
    else parts.push("--data-raw", quote(redactText(body, secrets)));
  }
  return parts.join(" ");
}

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

function oneLine(text: string, max: number): string {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? "";
  const flat = line.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");
