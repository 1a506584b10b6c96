// The harness must be able to fail: these feed it exchanges that break a tiny spec and check it says so.
import { describe, expect, it } from "vitest";
import {
  createCheckedFetch,
  documentedStatuses,
  provokedStatuses,
  selectTarget,
} from "../../conformance/harness/index.ts";
import { createOpenApiValidator } from "../../src/core/openapi-validator.ts";
import { tinySpec } from "../core/tiny-spec.ts";

const validator = createOpenApiValidator(tinySpec);
const base = "https://api.test/v1";
const auth = { Authorization: "Bearer t" };

function fetchAnswering(response: () => Response) {
  return createCheckedFetch(validator, base, async () => response());
}

describe("createCheckedFetch", () => {
  it("records a conforming exchange with no problems", async () => {
    const checked = fetchAnswering(() => Response.json({ id: "t1", tags: [] }));
    await checked.fetch(new Request(`${base}/things/t1`, { headers: auth }));
    expect(checked.exchanges[0]).toMatchObject({ operationId: "getThing", status: 200 });
    expect(checked.problems()).toEqual([]);
  });

  it("reports a response body that breaks the schema", async () => {
    const checked = fetchAnswering(() => Response.json({ id: "t1" }));
    await checked.fetch(new Request(`${base}/things/t1`, { headers: auth }));
    expect(checked.problems()).toEqual(["GET /v1/things/t1 → 200: response body.tags: is required"]);
  });

  it("reports a status the spec does not document", async () => {
    const checked = fetchAnswering(() => new Response(null, { status: 418 }));
    await checked.fetch(new Request(`${base}/things/t1`, { headers: auth }));
    expect(checked.problems()).toEqual([
      "GET /v1/things/t1 → 418: response status: 418 is not documented for getThing (documented: 200)",
    ]);
  });

  it("reports a request to a path the spec does not have", async () => {
    const checked = fetchAnswering(() => new Response(null, { status: 404 }));
    await checked.fetch(new Request(`${base}/widgets`, { headers: auth }));
    expect(checked.problems()).toEqual([
      "GET /v1/widgets: request path: GET /widgets is not an operation of the spec",
    ]);
  });

  it("reports a request that breaks the spec, unless it was meant to", async () => {
    const checked = fetchAnswering(() => Response.json({ message: "bad kind" }, { status: 400 }));
    await checked.fetch(new Request(`${base}/things?kind=z`, { headers: auth }));
    expect(checked.problems()).toEqual(["GET /v1/things → 400: request query.kind: must be one of a, b"]);
    const from = checked.exchanges.length;
    await checked.expectInvalid(() => checked.fetch(new Request(`${base}/things?kind=z`, { headers: auth })));
    expect(checked.problems(from)).toEqual([]);
  });

  it("reports a request meant to break the spec that the spec accepts", async () => {
    const checked = fetchAnswering(() => Response.json({ things: [] }));
    await checked.expectInvalid(() => checked.fetch(new Request(`${base}/things?kind=a`, { headers: auth })));
    expect(checked.problems()).toEqual([
      "GET /v1/things → 200: request was meant to break the spec, but the spec accepts it",
    ]);
  });

  it("counts which documented statuses were provoked", async () => {
    const checked = fetchAnswering(() => Response.json({ message: "no" }, { status: 404 }));
    await checked.fetch(new Request(`${base}/things?kind=a`, { headers: auth }));
    expect(documentedStatuses(validator)).toEqual(
      new Set(["listThings 200", "listThings 4XX", "createThing 204", "getThing 200", "getLatestThing 200"]),
    );
    expect(provokedStatuses(checked.exchanges)).toEqual(new Set(["listThings 404"]));
  });
});

describe("selectTarget", () => {
  const sim = { baseUrl: "https://sim.test", token: "sim" };

  it("uses the simulator unless a base URL is given", () => {
    expect(selectTarget("zoom-scribe", sim, {})).toEqual({ kind: "simulator", ...sim });
  });

  it("uses a live base URL with its token", () => {
    const env = {
      BATCHSPEC_ZOOM_SCRIBE_BASE_URL: "https://api.zoom.us/v2",
      BATCHSPEC_ZOOM_SCRIBE_TOKEN: "jwt",
    };
    expect(selectTarget("zoom-scribe", sim, env)).toEqual({
      kind: "live",
      baseUrl: "https://api.zoom.us/v2",
      token: "jwt",
    });
  });

  it("refuses a live base URL without a token, or one that is not a URL, naming the variable", () => {
    expect(() =>
      selectTarget("zoom-scribe", sim, { BATCHSPEC_ZOOM_SCRIBE_BASE_URL: "https://x.test" }),
    ).toThrow(/BATCHSPEC_ZOOM_SCRIBE_TOKEN must be set too/);
    expect(() => selectTarget("zoom-scribe", sim, { BATCHSPEC_ZOOM_SCRIBE_BASE_URL: "zoom" })).toThrow(
      /BATCHSPEC_ZOOM_SCRIBE_BASE_URL: not an absolute URL/,
    );
  });
});
