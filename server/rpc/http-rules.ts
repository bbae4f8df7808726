import { getOption, hasOption } from "@bufbuild/protobuf";
import type { DescField, DescMethod, DescService } from "@bufbuild/protobuf";
import { http } from "../../gen/google/api/annotations_pb";

// The REST shape of the services, read from their `google.api.http` rules: shared by the
// transcoder that serves it and the OpenAPI generator that documents it, so the two agree.

export type HttpVerb = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One method's REST route: verb, path template, and where each request field comes from. */
export type HttpRoute = {
  method: DescMethod;
  verb: HttpVerb;
  /** As written in the rule, e.g. "/api/v1/orders/{uuid}:checkStatus". */
  template: string;
  /** Request fields bound by the path, in template order. */
  pathFields: DescField[];
  /** Read from the JSON body (rule body "*": every field the path leaves); none without a body. */
  bodyFields: DescField[];
  /**
   * The google.api.HttpBody field the rule's body names: the raw body and its Content-Type go
   * into it, whatever the type (a CSV upload), instead of being read as JSON.
   */
  rawBodyField: DescField | undefined;
  /** The method streams google.api.HttpBody: its chunks are the answer's bytes, not JSON. */
  rawAnswer: boolean;
  /** Read from the query string. */
  queryFields: DescField[];
  /** The request's `etag`, which an `If-Match` header may carry instead (AIP-154). */
  ifMatchField: DescField | undefined;
  /** Matches a request path; the groups are the path fields' raw (still encoded) values. */
  pattern: RegExp;
};

const variable = /\{([a-z_][a-z0-9_]*)\}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function routeOf(method: DescMethod): HttpRoute | undefined {
  if (!hasOption(method, http)) return undefined;
  // Streaming methods have no REST form, but for a server stream of google.api.HttpBody (the
  // answer's bytes, chunk by chunk); a rule on another is a mistake in the contract.
  const rawAnswer = method.methodKind === "server_streaming" && method.output.typeName === httpBodyType;
  if (method.methodKind !== "unary" && !rawAnswer) {
    throw new Error(`${method.toString()}: google.api.http on a streaming method`);
  }
  const rule = getOption(method, http);
  const { case: kind, value } = rule.pattern;
  if (kind !== "get" && kind !== "post" && kind !== "put" && kind !== "patch" && kind !== "delete") {
    throw new Error(`${method.toString()}: unsupported google.api.http pattern ${String(kind)}`);
  }
  const rawBodyField = method.input.fields.find((f) => f.name === rule.body);
  if (rule.body !== "" && rule.body !== "*" && !(rawBodyField && isHttpBody(rawBodyField))) {
    throw new Error(`${method.toString()}: only body "*", a google.api.HttpBody field or none, not "${rule.body}"`);
  }
  const pathFields: DescField[] = [...value.matchAll(variable)].map(([, name]) => {
    const field = method.input.fields.find((f) => f.name === name);
    if (!field || field.fieldKind !== "scalar")
      throw new Error(`${method.toString()}: no scalar field "${name}" for ${value}`);
    return field;
  });
  // Segments match anything but "/"; a variable followed by a custom verb stops at its colon.
  const source = value
    .split(variable)
    .map((part, index) => (index % 2 === 1 ? "([^/:]+)" : escapeRegExp(part)))
    .join("");
  const leftover = method.input.fields.filter((f) => !pathFields.includes(f) && f !== rawBodyField);
  const bodyFields = rule.body === "*" ? leftover : [];
  return {
    method,
    verb: kind.toUpperCase() as HttpVerb,
    template: value,
    pathFields,
    bodyFields,
    rawBodyField,
    rawAnswer,
    // With body "*", google.api.http leaves nothing to the query; field masks may still come
    // from it (`PATCH …?update_mask=name`, as AIP-134 shows), a documented relaxation.
    queryFields: bodyFields.length > 0 ? leftover.filter(isFieldMask) : leftover,
    ifMatchField: method.input.fields.find((f) => f.name === "etag" && f.fieldKind === "scalar"),
    pattern: new RegExp(`^${source}$`),
  };
}

const httpBodyType = "google.api.HttpBody";

function isHttpBody(field: DescField): boolean {
  return field.fieldKind === "message" && field.message.typeName === httpBodyType;
}

function isFieldMask(field: DescField): boolean {
  return field.fieldKind === "message" && field.message.typeName === "google.protobuf.FieldMask";
}

/** The REST routes of the services' annotated methods. */
export function httpRoutes(services: readonly DescService[]): HttpRoute[] {
  return services.flatMap((service) => service.methods.flatMap((method) => routeOf(method) ?? []));
}
