// The `batchspec` command line, run in process as the bin runs it: usage mistakes exit 2 and say what
// is valid; a run against the simulators passes and writes JUnit and JSON; a live target that cannot be
// checked (unreachable, token refused) gives one line, not a failure per check; a server that answers
// `{}` to everything fails with readable reasons and curl commands, and the token appears nowhere.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, type Io } from "../../conformance/cli/main.ts";
import { documentedStatuses } from "../../conformance/harness/coverage.ts";
import { SOKET } from "../../src/soket/spec.ts";

const dir = mkdtempSync(join(tmpdir(), "batchspec-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string> = {}, isTTY = false) {
  let out = "";
  let err = "";
  const io: Io = {
    out: (text) => void (out += `${text}\n`),
    err: (text) => void (err += `${text}\n`),
    env,
    isTTY,
  };
  const status = await main(args, io);
  return { status, out, err };
}

/** A loopback server answering every request with `status` and `body` (JSON). */
async function answering(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("batchspec: usage", () => {
  it("exits 2 for an unknown command, option or provider, naming the valid ones", async () => {
    const command = await run(["conformence"]);
    expect(command.status).toBe(2);
    expect(command.err).toMatch(/unknown command "conformence" \(valid: conformance, mock, proxy, help\)/);
    const option = await run(["conformance", "--provder", "slng"]);
    expect(option.status).toBe(2);
    expect(option.err).toMatch(/--provder.*valid options: .*--provider/);
    const provider = await run(["conformance", "--provider", "zoom"]);
    expect(provider.status).toBe(2);
    expect(provider.err).toMatch(
      /unknown provider "zoom" \(valid: zoom-scribe, zoom-translator, sofer, soket, slng\)/,
    );
    expect(provider.out).toBe("");
  });

  it("exits 2 for a base URL without a token, for several providers, or that is not a URL", async () => {
    for (const args of [
      ["--provider", "slng", "--base-url", "https://api.batch.slng.ai"],
      ["--base-url", "https://api.batch.slng.ai", "--token", "t"],
      ["--provider", "slng", "--base-url", "api.batch.slng.ai", "--token", "t"],
      ["--provider", "slng", "--token", "t"],
      ["--provider", "slng", "--seed", "abc"],
      ["--provider", "slng", "--runs", "0"],
    ]) {
      const r = await run(["conformance", ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.err.split("\n").filter(Boolean)).toHaveLength(2); // the problem, and where help is
    }
    const env = await run(["conformance", "--provider", "soket"], {
      BATCHSPEC_SOKET_BASE_URL: "https://x.test",
    });
    expect(env.status).toBe(2);
    expect(env.err).toMatch(/BATCHSPEC_SOKET_BASE_URL is set, so BATCHSPEC_SOKET_TOKEN must be set too/);
  });

  it("exits 2 before running for a pattern that matches nothing or everything, a report it cannot write, a base URL with credentials or a query", async () => {
    const none = await run(["conformance", "--provider", "slng", "--include", "zzz-no-such-check"]);
    expect(none.status).toBe(2);
    expect(none.err).toMatch(/no check matches --include "zzz-no-such-check"/);
    expect((await run(["conformance", "--provider", "slng", "--exclude", ""])).err).toMatch(
      /--exclude: an empty pattern/,
    );
    const unwritable = await run(["conformance", "--provider", "slng", "--junit", "/proc/no/such/out.xml"]);
    expect(unwritable.status).toBe(2);
    expect(unwritable.err).toMatch(/--junit: cannot write \/proc\/no\/such\/out.xml/);
    expect(unwritable.out).toBe(""); // found before the run
    const userinfo = await run([
      "conformance",
      "--provider",
      "slng",
      "--base-url",
      "https://u:PW-SECRET-1@x.test",
      "--token",
      "t",
    ]);
    expect(userinfo.status).toBe(2);
    expect(userinfo.err).toMatch(/carries no credentials/);
    expect(userinfo.err).not.toContain("PW-SECRET-1");
    const query = await run([
      "conformance",
      "--provider",
      "slng",
      "--base-url",
      "https://x.test/v1?api_key=Q-SECRET",
      "--token",
      "t",
    ]);
    expect(query.status).toBe(2);
    expect(query.err).toMatch(/no query or fragment/);
    expect(query.err).not.toContain("Q-SECRET");
  });

  it("prints the options of mock and proxy for --help (exit 0)", async () => {
    for (const command of ["mock", "proxy"]) {
      const r = await run([command, "--help"]);
      expect(r.status, command).toBe(0);
      expect(r.out, command).toMatch(new RegExp(`^batchspec ${command} --provider ID`));
      expect(r.out, command).toMatch(/--port N\s+the port \(default 0: a free one/);
    }
  });

  it("says its version", async () => {
    const r = await run(["--version"]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^batchspec \d+\.\d+\.\d+\n$/);
  });

  it("prints its usage for help (exit 0) and for no command (exit 2)", async () => {
    expect((await run(["help"])).status).toBe(0);
    expect((await run(["help"])).out).toMatch(/--allow-writes/);
    expect((await run([])).status).toBe(2);
  });
});

describe("batchspec conformance against the simulators", () => {
  it("passes, prints the table, and writes JUnit and JSON reports", async () => {
    const junit = join(dir, "out.xml");
    const json = join(dir, "report", "out.json");
    const r = await run(["conformance", "--provider", "slng", "--junit", junit, "--json", json]);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/slng\s+simulator\s+\d+\s+0\s+0\s+\d+ of \d+\s+25/);
    expect(r.out).toMatch(/x-inferred: points where the spec assumes/);
    const xml = readFileSync(junit, "utf8");
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="batchspec conformance"/,
    );
    expect(xml).toMatch(/<testsuite name="slng" tests="\d+" failures="0" skipped="0"/);
    expect(xml.match(/<testcase /g)!.length).toBeGreaterThan(40);
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.totals.failed).toBe(0);
    expect(report.providers[0].id).toBe("slng");
  });

  it("takes providers from the environment, and runs only the checks asked for", async () => {
    const r = await run(["conformance", "--include", "page walk", "--exclude", "jobs"], {
      BATCHSPEC_PROVIDERS: "sofer,slng",
    });
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^sofer: against the simulator/m);
    expect(r.out).toMatch(/^slng: against the simulator/m);
    expect(r.out).not.toMatch(/^zoom-scribe/m);
    expect(r.out).toMatch(/sofer\s+simulator\s+1\s+0\s+\d+/); // the manifests' page walk alone
  });

  it("writes no colour codes when its output is not a terminal, and some when it is", async () => {
    const args = ["conformance", "--provider", "slng", "--include", "created"];
    expect((await run(args)).out).not.toMatch(/\u001b\[/);
    expect((await run(args, {}, true)).out).toMatch(/\u001b\[/);
    expect((await run(args, { NO_COLOR: "1" }, true)).out).not.toMatch(/\u001b\[/);
  });
});

describe("batchspec conformance against a live target", () => {
  let nonsense: { url: string; server: Server };
  let refusing: { url: string; server: Server };
  beforeAll(async () => {
    nonsense = await answering(200, "{}");
    refusing = await answering(401, JSON.stringify({ code: 124, message: "Invalid access token." }));
  });
  afterAll(() => {
    nonsense.server.close();
    refusing.server.close();
  });
  const SECRET = "live-secret-token-8f2a";

  it("says in one line that an unreachable base URL cannot be reached, and exits 1", async () => {
    // A port nothing listens on: one a server had, closed.
    const gone = await answering(200, "{}");
    const port = (gone.server.address() as AddressInfo).port;
    await new Promise((resolve) => gone.server.close(resolve));
    const r = await run([
      "conformance",
      "--provider",
      "zoom-scribe",
      "--base-url",
      `http://127.0.0.1:${port}/v2`,
      "--token",
      SECRET,
    ]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(
      new RegExp(`✗ cannot reach http://127\\.0\\.0\\.1:${port}/v2 \\(GET .*\\): connection refused`),
    );
    expect(r.out.match(/✗/g)).toHaveLength(1);
    expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.out + r.err).not.toContain(SECRET);
  });

  it("sends no request that could change the live API unless writes are allowed, and says which checks that skipped", async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      const auth = req.headers.authorization ?? "";
      seen.push(`${req.method} ${auth.includes(SECRET) ? "token" : "no token"} ${req.url}`);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const [provider, path] of [
        ["zoom-scribe", "/v2"],
        ["sofer", ""],
        ["soket", "/transcribe"],
        ["slng", ""],
      ] as const) {
        seen.length = 0;
        const r = await run([
          "conformance",
          "--provider",
          provider,
          "--base-url",
          `${base}${path}`,
          "--token",
          SECRET,
        ]);
        expect(r.status, provider).toBe(1);
        // Without the run's token (a refusal of no or a wrong credential) a request can change nothing.
        expect(
          seen.filter((s) => /^(?!GET |HEAD )\S+ token /.test(s)),
          provider,
        ).toEqual([]);
        expect(
          seen.some((s) => s.startsWith("GET token ")),
          provider,
        ).toBe(true);
        expect(r.out, provider).toMatch(/skipped: needs writes \(it sends (POST|DELETE) \S+ with the token/);
      }
    } finally {
      server.close();
    }
  });

  it("gives up on a target that stops answering instead of waiting for hours", async () => {
    // The list answers (so the preflight passes); everything else never does.
    const server = createServer((req, res) => {
      if (req.method === "GET" && /\/v1\/batch\/jobs(\?|$)/.test(req.url ?? "")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ items: [], meta: { page: 1, page_size: 20, total: 0, pages: 0 } }));
      }
    });
    await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const started = Date.now();
      const r = await run([
        "conformance",
        "--provider",
        "slng",
        "--base-url",
        base,
        "--token",
        SECRET,
        "--timeout",
        "0.5",
      ]);
      expect(r.status).toBe(1);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(r.out).toMatch(/the target stopped answering/);
      expect(r.out).toMatch(/no answer within 0.5 s/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("says in one line that the token was refused", async () => {
    const junit = join(dir, "refused.xml");
    const r = await run([
      "conformance",
      "--provider",
      "slng",
      "--base-url",
      refusing.url,
      "--token",
      SECRET,
      "--junit",
      junit,
    ]);
    expect(r.status).toBe(1);
    // A CI dashboard shows it failed, not skipped.
    expect(readFileSync(junit, "utf8")).toMatch(/<testsuite name="slng" tests="\d+" failures="1"/);
    expect(readFileSync(junit, "utf8")).toMatch(
      /name="the target can be checked".*<failure message="the token was refused/,
    );
    expect(r.out).toMatch(/✗ the token was refused: GET .*\/v1\/batch\/jobs → 401/);
    expect(r.out.match(/✗/g)).toHaveLength(1);
    expect(r.out + r.err).not.toContain(SECRET);
  });

  it("fails a server that answers {} to everything with readable reasons, exchanges and curl commands", async () => {
    const json = join(dir, "nonsense.json");
    const r = await run([
      "conformance",
      "--provider",
      "soket",
      "--base-url",
      `${nonsense.url}/transcribe`,
      "--token",
      SECRET,
      "--json",
      json,
    ]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(
      /! the target answers off the spec: GET .*\/transcribe\/files → 200: body\.page: is required/,
    );
    expect(r.out).not.toMatch(/TypeError|Cannot read properties|\n\s+at /);
    const report = JSON.parse(readFileSync(json, "utf8"));
    // Every answer was off the spec: none counts as a documented status provoked.
    expect(report.providers[0].statuses).toEqual({
      provoked: 0,
      documented: documentedStatuses(SOKET.operations).length,
    });
    const failed = report.providers[0].checks.filter((c: { outcome: string }) => c.outcome === "failed");
    expect(failed.length).toBeGreaterThan(5);
    for (const c of failed) {
      expect(c.reason, c.name).toMatch(/\S/);
      expect(c.reason.includes("\n"), c.name).toBe(false);
      expect(c.exchange.curl, c.name).toMatch(/^curl -X (GET|POST|DELETE) '/);
    }
    // A multipart request is repeated with curl's own -F parts (the file named for who repeats it).
    expect(
      failed.some((c: { exchange: { curl: string } }) =>
        /-F 'files=@a\.wav;type=audio\/wav'/.test(c.exchange.curl),
      ),
    ).toBe(true);
    expect(JSON.stringify(report) + r.out + r.err).not.toContain(SECRET);
    // Only checks that create nothing ran: the others say why they were skipped.
    expect(r.out).toMatch(/skipped: needs the simulator/);
    expect(r.out).toMatch(/skipped: needs writes/);
  });
});
