import { describe, expect, it } from "vitest";
import { redactBody, redactHeaders, redactText, redactUrl, secretValues } from "../../src/core/redact.ts";

describe("redaction", () => {
  it("hides the credential of an Authorization header but keeps its scheme", () => {
    expect(
      redactHeaders(new Headers({ Authorization: "Bearer abc.def", Accept: "application/json" })),
    ).toEqual({
      authorization: "Bearer [redacted]",
      accept: "application/json",
    });
  });

  it("hides Zoom's AWS credentials and webhook secret wherever they sit, without touching the input", () => {
    const body = {
      input: { auth: { aws: { access_key_id: "AKIA", secret_access_key: "wJal", session_token: "Fwo" } } },
      notifications: { webhook_url: "https://h", secret: "s" },
      list: [{ token: "t" }],
    };
    expect(redactBody(body)).toEqual({
      input: {
        auth: {
          aws: { access_key_id: "AKIA", secret_access_key: "[redacted]", session_token: "[redacted]" },
        },
      },
      notifications: { webhook_url: "https://h", secret: "[redacted]" },
      list: [{ token: "[redacted]" }],
    });
    expect(body.input.auth.aws.secret_access_key).toBe("wJal");
    expect(secretValues(body)).toEqual(["wJal", "Fwo", "s", "t"]);
  });

  it("hides pre-signed URL signatures and user info", () => {
    expect(redactUrl("https://u:p@s3.test/a.wav?X-Amz-Signature=abc&X-Amz-Date=1")).toBe(
      "https://%5Bredacted%5D:%5Bredacted%5D@s3.test/a.wav?X-Amz-Signature=%5Bredacted%5D&X-Amz-Date=1",
    );
  });

  it("scrubs a known token whole even when it holds characters that end the Bearer pattern", () => {
    for (const token of [`ab"c\\d/e<f>&`, "tok;en,with'quotes", "a b"]) {
      const echoed = `you sent Authorization: Bearer ${token}; and as JSON ${JSON.stringify(token)}`;
      const out = redactText(echoed, [token]);
      expect(out, token).not.toContain(token);
      for (const piece of token.split(/["',; ]/).filter((p) => p.length > 2))
        expect(out, token).not.toContain(piece);
    }
  });
});
