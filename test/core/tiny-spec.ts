// A tiny OpenAPI 3.1 document of its own, so the core tests do not depend on any provider's spec.
import type { OpenApiDocument } from "../../src/core/openapi-types.ts";

export const tinySpec: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "tiny", version: "1" },
  security: [{ bearer: [] }],
  paths: {
    "/things": {
      get: {
        operationId: "listThings",
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 10 } },
          { name: "kind", in: "query", required: true, schema: { type: "string", enum: ["a", "b"] } },
        ],
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/ThingList" } } },
          },
          "4XX": { $ref: "#/components/responses/Problem" },
        },
      },
      post: {
        operationId: "createThing",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/NewThing" } } },
        },
        responses: { "204": { description: "made" } },
      },
    },
    "/things/{id}": {
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^t[0-9]+$" } },
      ],
      get: {
        operationId: "getThing",
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
        },
      },
    },
    "/things/latest": {
      get: {
        operationId: "getLatestThing",
        security: [],
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
        },
      },
    },
    "/uploads": {
      post: {
        operationId: "upload",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: { file: { type: "string", format: "binary" }, config: { type: "object" } },
              },
            },
            "application/json": {
              schema: {
                type: "object",
                required: ["url"],
                properties: { url: { type: "string", format: "uri" }, config: { type: "object" } },
              },
            },
          },
        },
        responses: { "202": { description: "accepted" } },
      },
    },
  },
  webhooks: {
    thingChanged: {
      post: {
        operationId: "thingChanged",
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
        responses: { "200": { description: "ok" } },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    responses: {
      Problem: {
        description: "problem",
        content: {
          "application/json": {
            schema: { type: "object", required: ["message"], properties: { message: { type: "string" } } },
          },
        },
      },
    },
    schemas: {
      Thing: {
        type: "object",
        required: ["id", "tags"],
        properties: {
          id: { type: "string" },
          tags: { type: "array", maxItems: 2, items: { type: "string" } },
        },
      },
      ThingList: {
        type: "object",
        required: ["things"],
        properties: { things: { type: "array", items: { $ref: "#/components/schemas/Thing" } } },
      },
      NewThing: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string", maxLength: 5 },
          secret: { type: "string", minLength: 12 },
          at: { type: "string", format: "date-time" },
        },
      },
    },
  },
};
