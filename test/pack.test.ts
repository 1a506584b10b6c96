// The package as a user gets it: `npm pack`, installed into a fresh project next to nothing but the
// package's own (production) dependencies, and used through its bin as the README says. No network:
// the dependencies are linked from this repository's node_modules, the ones package-lock.json marks as
// needed in production, so a dependency the package forgot to declare is missing here as it would be
// for a user.
import { execFile, spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtDist } from "./built-dist.ts";

const root = resolve(import.meta.dirname, "..");
const run = promisify(execFile);
const project = mkdtempSync(join(tmpdir(), "batchspec-consumer-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Runs the installed bin the way `npx batchspec ...` does in the project; never throws on exit status. */
async function batchspec(args: string[], env: Record<string, string> = {}) {
  const bin = join(project, "node_modules/.bin/batchspec");
  try {
    const { stdout, stderr } = await run(bin, args, {
      cwd: project,
      env: { PATH: process.env.PATH ?? "", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { status: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("the packed package, installed in a fresh project", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    await builtDist();
    const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", project], {
      cwd: root,
    });
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const modules = join(project, "node_modules");
    mkdirSync(join(modules, ".bin"), { recursive: true });
    await run("tar", ["-xzf", join(project, filename), "-C", modules]);
    await run("mv", [join(modules, "package"), join(modules, "batchspec")]);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    // The production dependencies, as npm would install them (top level; their own nested ones come along).
    const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
      packages: Record<string, { dev?: boolean }>;
    };
    for (const [path, entry] of Object.entries(lock.packages)) {
      const name = path.slice("node_modules/".length);
      if (!path.startsWith("node_modules/") || entry.dev || name.includes("node_modules/")) continue;
      mkdirSync(join(modules, name, ".."), { recursive: true });
      symlinkSync(join(root, path), join(modules, name), "dir");
    }
    const pkg = JSON.parse(readFileSync(join(modules, "batchspec/package.json"), "utf8")) as {
      bin: Record<string, string>;
    };
    const target = join(modules, "batchspec", pkg.bin.batchspec!);
    chmodSync(target, 0o755);
    symlinkSync(target, join(modules, ".bin/batchspec"));
  }, 180_000);

  it("ships the built code only: no TypeScript sources of conformance, no tests", () => {
    const installed = join(project, "node_modules/batchspec");
    expect(existsSync(join(installed, "dist/conformance/cli/main.js"))).toBe(true);
    expect(existsSync(join(installed, "dist/conformance/suites/slng.js"))).toBe(true);
    expect(existsSync(join(installed, "conformance"))).toBe(false);
    expect(existsSync(join(installed, "dist/test"))).toBe(false);
  });

  it("npx batchspec conformance --junit out.xml passes against the simulators", async () => {
    const r = await batchspec(["conformance", "--junit", "out.xml"]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    for (const id of ["zoom-scribe", "zoom-translator", "sofer", "soket", "slng"])
      expect(r.stdout).toMatch(new RegExp(`^${id}\\s+simulator\\s+\\d+\\s+0\\s+0\\s`, "m"));
    const xml = readFileSync(join(project, "out.xml"), "utf8");
    expect(xml).toMatch(/<testsuites name="batchspec conformance" tests="\d+" failures="0"/);
  });

  it("npx batchspec mock --provider zoom-scribe answers curl", async () => {
    const child = spawn(join(project, "node_modules/.bin/batchspec"), ["mock", "--provider", "zoom-scribe"], {
      cwd: project,
      env: { PATH: process.env.PATH ?? "" },
    });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const found = /simulator at (http:\/\/\S+)/.exec(out);
          if (found) resolveUrl(found[1]!);
        });
        child.on("exit", (code) => reject(new Error(`mock exited with ${code}: ${out}`)));
      });
      const { stdout } = await run("curl", [
        "-sS",
        "-H",
        "Authorization: Bearer conformance-token",
        "-w",
        "\n%{http_code}",
        `${url}/aiservices/scribe/jobs`,
      ]);
      const [body, status] = stdout.trimEnd().split(/\n(?=\d{3}$)/);
      expect(status).toBe("200");
      expect(JSON.parse(body!)).toHaveProperty("jobs");
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("fails with readable reasons against a loopback server that answers {} to everything", async () => {
    const server = createServer((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      const r = await batchspec([
        "conformance",
        "--provider",
        "slng",
        "--base-url",
        base,
        "--token",
        "sk-secret-42",
      ]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(
        /! the target answers off the spec: GET .*\/v1\/batch\/jobs → 200: body\.items: is required/,
      );
      expect(r.stdout).toMatch(/✗ /);
      expect(r.stdout).toMatch(/curl -X GET '/);
      expect(r.stdout + r.stderr).not.toMatch(/TypeError|\n\s+at |sk-secret-42/);
    } finally {
      server.close();
    }
  });
});
