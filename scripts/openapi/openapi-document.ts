import type { DescMessage, DescService } from "@bufbuild/protobuf";
import { httpRoutes } from "../../server/rpc/http-rules";
import type { HttpRoute } from "../../server/rpc/http-rules";
import { commentOf, fieldSchema, messageSchemas, objectSchema, schemaRef } from "./json-schema";
import type { JsonSchema } from "./json-schema";

const errorRef = { $ref: "#/components/responses/Error" };

// What each route can answer besides 200 (HTTP statuses as Connect maps the codes).
function errorResponses(route: HttpRoute): Record<string, unknown> {
  return {
    "400": errorRef,
    "401": errorRef,
    ...(route.pathFields.length > 0 && { "404": errorRef }),
    ...(route.bodyFields.length > 0 && { "413": errorRef, "415": errorRef }),
    "503": errorRef,
    default: errorRef,
  };
}

function operation(route: HttpRoute, refs: Set<DescMessage>) {
  const { method } = route;
  const comments = commentOf(method);
  const parameters = [
    ...route.pathFields.map((field) => ({
      name: field.name,
      in: "path",
      required: true,
      schema: fieldSchema(field, refs),
    })),
    ...route.queryFields.map((field) => ({
      name: field.name,
      in: "query",
      required: false,
      schema: fieldSchema(field, refs),
    })),
  ];
  refs.add(method.output);
  return {
    operationId: method.name,
    tags: [method.parent.name],
    // A one-line summary for menus, the whole comment as the description.
    ...(comments && { summary: comments.replace(/\n/g, " ").split(/(?<=\.)\s/)[0], description: comments }),
    ...(parameters.length > 0 && { parameters }),
    ...(route.bodyFields.length > 0 && {
      requestBody: {
        required: false,
        content: { "application/json": { schema: objectSchema(route.bodyFields, refs) } },
      },
    }),
    responses: {
      "200": { description: "OK", content: { "application/json": { schema: schemaRef(method.output) } } },
      ...errorResponses(route),
    },
  };
}

/** Google AIP-193's error body, which every REST route answers on failure. */
const errorSchema: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "status", "message"],
      properties: {
        code: { type: "integer", description: "The HTTP status." },
        status: { type: "string", description: "The gRPC code, e.g. NOT_FOUND." },
        message: { type: "string" },
        details: {
          type: "array",
          description: "google.rpc details such as BadRequest and ErrorInfo, each with its @type.",
          items: { type: "object", properties: { "@type": { type: "string" } }, required: ["@type"] },
        },
      },
    },
  },
};

// Every route needs one of the credentials every transport accepts (server/auth/authenticate.ts).
const securitySchemes = {
  rpcAuth: {
    type: "apiKey",
    in: "header",
    name: "rpc-auth",
    description: "An API token (`npm run token`, or the API tokens page), as the original service's clients send it.",
  },
  bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "The same API token." },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "orders_session",
    description: "A signed-in browser's session (same site only), as the reference page at /api/docs uses it.",
  },
};

/** The OpenAPI 3.1 document of the services' REST routes. */
export function openApiDocument(allServices: readonly DescService[], info: { title: string; version: string }) {
  const services = allServices.filter((service) => httpRoutes([service]).length > 0);
  const refs = new Set<DescMessage>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of httpRoutes(services)) {
    // OpenAPI writes path parameters as {name}, as google.api.http does.
    (paths[route.template] ??= {})[route.verb.toLowerCase()] = operation(route, refs);
  }
  return {
    openapi: "3.1.0",
    info: {
      ...info,
      description: services.map((service) => commentOf(service) ?? "").join("\n\n"),
    },
    tags: services.map((service) => ({ name: service.name })),
    security: Object.keys(securitySchemes).map((scheme) => ({ [scheme]: [] })),
    paths,
    components: {
      securitySchemes,
      schemas: messageSchemas(refs),
      responses: {
        Error: { description: "An error (Google AIP-193).", content: { "application/json": { schema: errorSchema } } },
      },
    },
  };
}
