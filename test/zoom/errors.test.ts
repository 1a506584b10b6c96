import { describe, expect, it } from "vitest";
import { zoomError, zoomIssues, zoomValidationError } from "../../src/zoom/errors.ts";
import { zoomScribeValidator } from "../../src/zoom-scribe/validation.ts";

describe("Zoom's error body", () => {
  it("reads the fields named in errors[], ignoring entries without one", () => {
    const body = {
      code: 300,
      message: "Validation Failed.",
      errors: [{ field: "input.manifest", message: "too many" }, { message: "no field" }, null],
    };
    expect(zoomIssues(body)).toEqual([{ location: "input.manifest", message: "too many" }]);
    expect(zoomIssues({ code: 124, message: "Invalid access token." })).toEqual([]);
    expect(zoomIssues("not an object")).toEqual([]);
  });

  it("names body fields by their path in the body and parameters by their place, and matches the spec", () => {
    const body = zoomValidationError([
      { location: "body.input.manifest", message: "1001 items, at most 1000" },
      { location: "query.page_size", message: "0 is out of range" },
    ]);
    expect(body).toEqual({
      code: 300,
      message: "Validation Failed. input.manifest: 1001 items, at most 1000",
      errors: [
        { field: "input.manifest", message: "1001 items, at most 1000" },
        { field: "query.page_size", message: "0 is out of range" },
      ],
    });
    expect(zoomScribeValidator().validateSchema("Error", body)).toEqual([]);
    expect(zoomScribeValidator().validateSchema("Error", zoomError(404, "Job job_1 not found."))).toEqual([]);
  });
});
