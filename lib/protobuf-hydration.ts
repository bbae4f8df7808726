import { createRegistry, fromJson, isMessage, toJson } from "@bufbuild/protobuf";
import type { JsonValue } from "@bufbuild/protobuf";
import { file_order_order } from "@/gen/order/order_pb";

// Every message the UI caches comes from order.proto (Timestamps included through its imports).
const registry = createRegistry(file_order_order);

/** A protobuf message in its canonical JSON form, tagged with its type so it can be rebuilt. */
type SerializedMessage = { $protobufJson: string; value: JsonValue };

function isSerializedMessage(data: unknown): data is SerializedMessage {
  return typeof data === "object" && data !== null && "$protobufJson" in data;
}

/**
 * Turns cached protobuf messages into plain JSON for the trip from the server into the HTML:
 * messages carry BigInt (Timestamp seconds) and a `$typeName` that must survive as real messages.
 */
export function serializeQueryData(data: unknown): unknown {
  if (!isMessage(data)) return data;
  const schema = registry.getMessage(data.$typeName);
  if (!schema) return data;
  return { $protobufJson: data.$typeName, value: toJson(schema, data) } satisfies SerializedMessage;
}

/** The inverse of {@link serializeQueryData}: rebuilds the message the browser's cache expects. */
export function deserializeQueryData(data: unknown): unknown {
  if (!isSerializedMessage(data)) return data;
  const schema = registry.getMessage(data.$protobufJson);
  if (!schema) throw new Error(`Unknown message type ${data.$protobufJson} in hydrated data`);
  return fromJson(schema, data.value);
}
