// Which documented statuses a suite covers, decided from what its checks declare they provoke (each
// check verifies its own claim when it runs), so the verdict does not depend on test order or on
// running a subset. A status may be left to an injected fault only when the suite lists it as not
// provokable by any request, with the reason; against a live API such a status is skipped, never passed.
import type { OperationTable } from "../../src/core/operation-table.ts";

/** A check that claims to provoke a status. */
export interface Provoker {
  check: string;
  /** It needs the simulator steered, so it does not run against a live API. */
  simulatorOnly: boolean;
}

export type Verdict =
  /** Provoked by a real request in these checks. */
  | { status: string; kind: "provoked"; by: string[] }
  /** Answered by an injected fault against the simulator: no request can provoke it. */
  | { status: string; kind: "fault"; reason: string }
  /** Not provoked against this target, and why: reported as skipped. */
  | { status: string; kind: "skipped"; reason: string }
  /** A problem with the suite itself: reported as a failure. */
  | { status: string; kind: "failure"; reason: string };

/** `operationId status` for every status the spec documents for a path operation. */
export function documentedStatuses(operations: OperationTable): string[] {
  return Object.entries(operations).flatMap(([id, entry]) => entry.statuses.map((s) => `${id} ${s}`));
}

/** The documented entry a concrete `operationId status` falls under: itself, its `4XX` range, or `default`. */
export function documentedKey(documented: ReadonlySet<string>, status: string): string | undefined {
  const [operationId, code = ""] = status.split(" ");
  return [status, `${operationId} ${code[0]}XX`, `${operationId} default`].find((k) => documented.has(k));
}

/** Claims of concrete statuses, by the entry the spec documents them under (404 for 4XX), and those it does not document. */
export function byDocumentedKey(
  documented: readonly string[],
  claimed: ReadonlyMap<string, readonly Provoker[]>,
): { byKey: Map<string, Provoker[]>; undocumented: string[] } {
  const known = new Set(documented);
  const byKey = new Map<string, Provoker[]>();
  const undocumented: string[] = [];
  for (const [status, by] of claimed) {
    const key = documentedKey(known, status);
    if (key === undefined) undocumented.push(status);
    else byKey.set(key, [...(byKey.get(key) ?? []), ...by]);
  }
  return { byKey, undocumented };
}

/**
 * The claims (`operationId status`) that no exchange answered by itself: an answer that an injected
 * fault produced is not evidence that a request provokes the status.
 */
export function unmetClaims(
  claims: readonly string[],
  exchanges: readonly { operationId: string | undefined; status: number | undefined; injected?: boolean }[],
): string[] {
  const seen = new Set(
    exchanges.filter((e) => !e.injected).map((e) => `${e.operationId ?? "?"} ${e.status ?? "no response"}`),
  );
  return claims.filter((c) => !seen.has(c));
}

export function coverage(
  documented: readonly string[],
  claimed: ReadonlyMap<string, readonly Provoker[]>,
  notProvokable: Readonly<Record<string, string>>,
  simulated: boolean,
  /** What a check does to what it claims, for messages (`provokes` a status, `exercises` a parameter). */
  verb = "provokes",
): Verdict[] {
  const known = new Set(documented);
  const { byKey: provokers, undocumented } = byDocumentedKey(documented, claimed);
  const verdicts: Verdict[] = documented.map((status): Verdict => {
    const by = provokers.get(status) ?? [];
    const reason = notProvokable[status];
    if (reason !== undefined && by.length > 0) {
      const names = by.map((p) => `"${p.check}"`).join(", ");
      return { status, kind: "failure", reason: `listed as not provokable, yet ${names} ${verb} it` };
    }
    if (reason !== undefined)
      return simulated ? { status, kind: "fault", reason } : { status, kind: "skipped", reason };
    if (by.length === 0) return { status, kind: "failure", reason: `no check ${verb} it` };
    const running = simulated ? by : by.filter((p) => !p.simulatorOnly);
    if (running.length === 0)
      return {
        status,
        kind: "skipped",
        reason: `only checks that need the simulator ${verb.replace(/s$/, "")} it`,
      };
    return { status, kind: "provoked", by: running.map((p) => p.check) };
  });
  for (const status of [...undocumented, ...Object.keys(notProvokable).filter((s) => !known.has(s))])
    verdicts.push({ status, kind: "failure", reason: "not a status the spec documents for that operation" });
  return verdicts;
}

/** `operationId query.name` for every query parameter the spec declares. */
export function declaredParameters(operations: OperationTable): string[] {
  return Object.entries(operations).flatMap(([id, entry]) => entry.query.map((q) => `${id} query.${q}`));
}

/** The claims (`operationId query.name`) that no exchange used and got a 2xx answer for by itself. */
export function unexercised(
  claims: readonly string[],
  exchanges: readonly {
    operationId: string | undefined;
    status: number | undefined;
    injected?: boolean;
    query: readonly string[];
  }[],
): string[] {
  const seen = new Set(
    exchanges
      .filter((e) => !e.injected && e.status !== undefined && e.status >= 200 && e.status < 300)
      .flatMap((e) => e.query.map((q) => `${e.operationId ?? "?"} query.${q}`)),
  );
  return claims.filter((c) => !seen.has(c));
}

/** The claims with one check's taken out: what coverage would see had that check been deleted. */
export function withoutCheck(
  claimed: ReadonlyMap<string, readonly Provoker[]>,
  check: string,
): Map<string, Provoker[]> {
  const out = new Map<string, Provoker[]>();
  for (const [status, by] of claimed) {
    const rest = by.filter((p) => p.check !== check);
    if (rest.length > 0) out.set(status, rest);
  }
  return out;
}
