import { create, fromJson, toJson } from "@bufbuild/protobuf";
import type { DescField, DescMessage, DescService, JsonObject, JsonValue } from "@bufbuild/protobuf";
import { openServices } from "../../server/auth/authenticate";
import { httpRoutes } from "../../server/rpc/http-rules";
import type { HttpRoute } from "../../server/rpc/http-rules";
import { errorResponses } from "./error-answers";
import { examples } from "./examples";
import { commentOf, schemaBuilder } from "./json-schema";
import type { SchemaBuilder } from "./json-schema";

// The one raw (google.api.HttpBody) type the routes read and write: CSV, export and import.
const rawContentType = "text/csv";
const rawExamples = {
  request: "name,completed,date\nPaper,false,2024-05-01T10:00:00Z\n",
  answer:
    "uuid,name,completed,date,create_time,update_time\r\n0d4c5ab6-2b2e-4a4f-9c53-7f7f3e1c2d10,Paper,false,2024-05-01T10:00:00.000Z,2024-05-01T10:00:00.000Z,2024-05-01T10:00:00.000Z\r\n",
};

/** A message's smallest valid answer: defaults, and a placeholder in each required message field. */
function placeholder(message: DescMessage, marked: (field: DescField) => boolean): JsonObject {
  const json: JsonObject = {};
  for (const field of message.fields) {
    if (field.fieldKind !== "message" || !marked(field)) continue;
    json[field.jsonName] = field.message.typeName.startsWith("google.protobuf.")
      ? toJson(field.message, create(field.message))
      : placeholder(field.message, marked);
  }
  return json;
}

/** The route's example call, read with the descriptors so it cannot name a field they lack. */
function exampleOf(route: HttpRoute, marked: (field: DescField) => boolean) {
  const { method } = route;
  const given = examples[`${method.parent.typeName}.${method.name}`];
  const read = (message: DescMessage, json: JsonObject, alwaysEmitImplicit: boolean) => {
    try {
      return toJson(message, fromJson(message, json), { alwaysEmitImplicit }) as JsonObject;
    } catch (error) {
      throw new Error(`scripts/openapi/examples.ts, ${method.toString()}: ${String(error)}`);
    }
  };
  return {
    request: given ? read(method.input, given.request, false) : {},
    // As the REST layer writes answers.
    answer: read(method.output, given?.answer ?? placeholder(method.output, marked), true),
  };
}

function operation(
  route: HttpRoute,
  schemas: SchemaBuilder,
  marked: (field: DescField) => boolean,
  responses: Record<string, unknown>,
) {
  const { method } = route;
  const comments = commentOf(method);
  const example = exampleOf(route, marked);
  // The etag of the example travels the HTTP way, in If-Match.
  const { [route.ifMatchField?.jsonName ?? ""]: etag, ...request } = example.request;
  const exampleFor = (value: JsonValue | undefined) => (value === undefined ? {} : { example: value });
  const bodyNames = new Set(route.bodyFields.map((field) => field.jsonName));
  const parameters = [
    ...route.pathFields.map((field) => ({
      name: field.name,
      in: "path",
      required: true,
      schema: schemas.field(field, "request"),
      ...exampleFor(request[field.jsonName]),
    })),
    ...route.queryFields.map((field) => ({
      name: field.name,
      in: "query",
      required: marked(field),
      schema: schemas.field(field, "request"),
      // A field the body also takes (update_mask) is shown there.
      ...exampleFor(bodyNames.has(field.jsonName) ? undefined : request[field.jsonName]),
    })),
    ...(route.ifMatchField
      ? [
          {
            name: "If-Match",
            in: "header",
            required: false,
            schema: { type: "string" },
            description:
              "The etag as last read, instead of the etag field (AIP-154): the call changes nothing and answers 409 ABORTED if it is stale. `*` sets no condition.",
            ...exampleFor(etag),
          },
        ]
      : []),
  ];
  const body = Object.fromEntries(Object.entries(request).filter(([name]) => bodyNames.has(name)));
  return {
    operationId: method.name,
    tags: [method.parent.name],
    // A one-line summary for menus, the whole comment as the description.
    ...(comments && { summary: comments.replace(/\n/g, " ").split(/(?<=\.)\s/)[0], description: comments }),
    ...(openServices.has(method.parent.typeName) && { security: [] }),
    ...(parameters.length > 0 && { parameters }),
    ...(route.rawBodyField && {
      requestBody: {
        required: true,
        content: { [rawContentType]: { schema: { type: "string" }, example: rawExamples.request } },
      },
    }),
    ...(route.bodyFields.length > 0 && {
      requestBody: {
        required: route.bodyFields.some(marked),
        content: {
          "application/json": { schema: schemas.object(route.bodyFields, "request"), example: body },
        },
      },
    }),
    responses: {
      "200": route.rawAnswer
        ? {
            description: "OK, streamed",
            headers: { "Content-Disposition": { schema: { type: "string" }, description: "attachment; filename=…" } },
            content: { [rawContentType]: { schema: { type: "string" }, example: rawExamples.answer } },
          }
        : {
            description: "OK",
            content: { "application/json": { schema: schemas.ref(method.output, "answer"), example: example.answer } },
          },
      ...errorResponses(route, responses),
    },
  };
}

// Every route needs one of the credentials every transport accepts (server/auth/authenticate.ts).
const securitySchemes = {
  rpcAuth: {
    type: "apiKey",
    in: "header",
    name: "rpc-auth",
    description:
      "An API token (`npm run token`, or the API tokens page), as the original service's clients send it. Behind a proxy that logs request headers, prefer bearerAuth.",
  },
  bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "The same API token." },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "orders_session",
    description: "A signed-in browser's session (same site only), as the reference page at /api/docs uses it.",
  },
};

const conventions = `Answers are proto3 JSON and carry every field with a plain value or a list even when it
holds its default (\`false\`, \`0\`, \`""\`, \`[]\`), so such fields are \`required\` below; a field
holding a message is required where the contract marks it \`(google.api.field_behavior) = REQUIRED\`.
Errors are Google AIP-193 bodies (\`{"error": {code, status, message, details}}\`), each status with
the gRPC codes it stands for. A path that exists answers other verbs with 405 and \`Allow\`; an
unknown path, 404.`;

/**
 * The OpenAPI 3.1 document of the services' REST routes. `marked` says whether a field is
 * `(google.api.field_behavior) = REQUIRED`.
 */
export function openApiDocument(
  allServices: readonly DescService[],
  info: { title: string; version: string },
  marked: (field: DescField) => boolean,
) {
  const services = allServices.filter((service) => httpRoutes([service]).length > 0);
  const schemas = schemaBuilder(marked);
  const responses: Record<string, unknown> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of httpRoutes(services)) {
    // OpenAPI writes path parameters as {name}, as google.api.http does.
    (paths[route.template] ??= {})[route.verb.toLowerCase()] = operation(route, schemas, marked, responses);
  }
  return {
    openapi: "3.1.0",
    info: {
      ...info,
      description: [...services.map((service) => commentOf(service) ?? ""), conventions].join("\n\n"),
    },
    tags: services.map((service) => ({ name: service.name })),
    security: Object.keys(securitySchemes).map((scheme) => ({ [scheme]: [] })),
    paths,
    components: {
      securitySchemes,
      schemas: schemas.components(),
      responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
