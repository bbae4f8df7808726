import { create, toBinary, toJsonString } from "@bufbuild/protobuf";
import type { DescMessage, MessageInitShape } from "@bufbuild/protobuf";
import { CreateOrderRequestSchema, ListOrdersRequestSchema, ReadOrderRequestSchema } from "../../gen/order/order_pb";

export type Method = "CreateOrder" | "ReadOrder" | "ListOrders";
export type Protocol = "Connect JSON" | "Connect binary" | "Connect GET" | "gRPC-Web" | "gRPC";

/** One request, encoded for every protocol. */
export type EncodedRequest = { json: Uint8Array; binary: Uint8Array; grpcWebFrame: Uint8Array };

function encode<Desc extends DescMessage>(schema: Desc, init: MessageInitShape<Desc>): EncodedRequest {
  const message = create(schema, init);
  const binary = toBinary(schema, message);
  const grpcWebFrame = new Uint8Array(5 + binary.length);
  new DataView(grpcWebFrame.buffer).setUint32(1, binary.length);
  grpcWebFrame.set(binary, 5);
  return { json: new TextEncoder().encode(toJsonString(schema, message)), binary, grpcWebFrame };
}

/** The request each benchmarked method sends; ListOrders asks for a page of 50 explicitly. */
export function requestFor(method: Method, uuid: string): EncodedRequest {
  switch (method) {
    case "CreateOrder":
      return encode(CreateOrderRequestSchema, { name: "Bench order", date: "2024-05-01T10:00:00Z" });
    case "ReadOrder":
      return encode(ReadOrderRequestSchema, { uuid });
    case "ListOrders":
      return encode(ListOrdersRequestSchema, { pageSize: 50 });
  }
}

/** The query of a Connect GET carrying `request` in binary, as connect-web sends it with useHttpGet. */
export const connectGetQuery = (request: EncodedRequest) =>
  `?connect=v1&encoding=proto&base64=1&message=${Buffer.from(request.binary).toString("base64url")}`;

/** Methods without side effects, which browsers may call with Connect GET. */
export const readOnly = (method: Method) => method !== "CreateOrder";

/**
 * The cheapest answer the app's Connect route gives: ReadOrder with an empty uuid, refused
 * by validation before any database work (HTTP 400, counted as "errors" by design).
 */
export const ceilingRequest = encode(ReadOrderRequestSchema, { uuid: "" });
