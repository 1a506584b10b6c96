import { describe, expect, it } from "vitest";
import {
  AuthError,
  BatchApiError,
  ConflictError,
  createApiError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ValidationError,
} from "../../src/core/errors.ts";

const make = (
  status: number,
  body: unknown = { code: status, message: "nope" },
  headers: Record<string, string> = {},
) =>
  createApiError({
    provider: "p",
    operation: "op",
    method: "GET",
    url: "https://api.test/x",
    status,
    headers: new Headers(headers),
    body,
  });

describe("createApiError", () => {
  it.each([
    [401, AuthError],
    [403, AuthError],
    [404, NotFoundError],
    [409, ConflictError],
    [400, ValidationError],
    [422, ValidationError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, BatchApiError],
  ])("makes a %i a %o", (status, kind) => {
    const error = make(status);
    expect(error).toBeInstanceOf(kind);
    expect(error).toBeInstanceOf(BatchApiError);
    expect(error.status).toBe(status);
    expect(error.name).toBe(kind.name);
  });

  it("says who failed, how, and what the provider said", () => {
    const error = make(
      404,
      { code: 404, message: "Job job_1 not found." },
      { "x-zm-trackingid": "v=2.0;clid=x" },
    );
    expect(error.message).toBe("p op failed with 404: Job job_1 not found.");
    const withId = createApiError({
      provider: "p",
      operation: "op",
      status: 404,
      headers: new Headers({ "x-zm-trackingid": "trk-1" }),
      body: {},
      requestIdHeaders: ["x-zm-trackingid"],
    });
    expect(withId.requestId).toBe("trk-1");
    expect(withId.message).toContain("(request id trk-1)");
  });

  it("takes the field paths of a validation error from the provider's body, read by the provider's rule", () => {
    const body = { detail: [{ loc: ["body", "files", 0], msg: "field required" }] };
    const issues = (b: unknown) =>
      (b as typeof body).detail.map((d) => ({ location: d.loc.join("."), message: d.msg }));
    const error = createApiError({
      provider: "tiny",
      status: 422,
      headers: new Headers(),
      body,
      issues,
    }) as ValidationError;
    expect(error.issues).toEqual([{ location: "body.files.0", message: "field required" }]);
    expect(error.field).toBe("body.files.0");
    expect(error.sent).toBe(true);
    expect((make(400, body) as ValidationError).issues).toEqual([]);
  });

  it("reads how long a rate limit asks to wait", () => {
    expect((make(429, {}, { "Retry-After": "7" }) as RateLimitError).retryAfterMs).toBe(7000);
    expect((make(429, {}, {}) as RateLimitError).retryAfterMs).toBeUndefined();
  });
});

describe("redaction in errors", () => {
  const secretBody = {
    code: 400,
    message: "Bad credentials wJalrXUtnFEMI for Bearer eyJhbGciOi.secret.jwt",
    echo: {
      auth: {
        aws: { access_key_id: "AKIA1", secret_access_key: "wJalrXUtnFEMI", session_token: "FwoGZXIvYXdzE" },
      },
    },
    notifications: { webhook_url: "https://example.com/h", secret: "hmac-secret-value" },
  };
  const error = createApiError({
    provider: "p",
    operation: "op",
    method: "POST",
    url: "https://api.test/x?token=abc123&page=2",
    status: 400,
    headers: new Headers({ "set-cookie": "session=s3cr3t", "content-type": "application/json" }),
    body: secretBody,
    secrets: ["wJalrXUtnFEMI"],
  });

  it.each([
    "wJalrXUtnFEMI",
    "FwoGZXIvYXdzE",
    "hmac-secret-value",
    "eyJhbGciOi.secret.jwt",
    "abc123",
    "s3cr3t",
  ])("keeps %s out of the message, toString() and JSON", (secret) => {
    expect(error.message).not.toContain(secret);
    expect(String(error)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it("keeps what is not a credential", () => {
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({ name: "ValidationError", status: 400, provider: "p", operation: "op" });
    expect(json.body.echo.auth.aws.access_key_id).toBe("AKIA1");
    expect(json.body.notifications.webhook_url).toBe("https://example.com/h");
    expect(json.url).toBe("https://api.test/x?token=%5Bredacted%5D&page=2");
    expect(json.headers["content-type"]).toBe("application/json");
  });
});

describe("error names", () => {
  it("are each class's own (spelled out, so minifiers cannot rename them), and a subclass of yours keeps its name", () => {
    class MyNotFound extends NotFoundError {}
    const context = { provider: "p", status: 404, headers: new Headers(), body: undefined };
    expect(new NotFoundError("m", context).name).toBe("NotFoundError");
    expect(new MyNotFound("m", context).name).toBe("MyNotFound");
    expect(make(429).name).toBe("RateLimitError");
  });
});
