import { OrderHistoryKind } from "@/gen/order/order_history_pb";
import type { OrderHistoryEntry, OrderHistoryEntry_FieldChange } from "@/gen/order/order_history_pb";
import { actorName } from "./actor-name";

/** Joins parts as a sentence lists them: "a", "a and b", "a, b and c". */
function listing(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** What one changed field reads as; dates through `formatDate` (the viewer's zone and locale). */
function changeText(change: OrderHistoryEntry_FieldChange, formatDate: (iso: string) => string): string {
  switch (change.field) {
    case "name":
      return `renamed it from “${change.before}” to “${change.after}”`;
    case "completed":
      return change.after === "true" ? "marked it completed" : "marked it open";
    case "date":
      return `moved its date from ${formatDate(change.before)} to ${formatDate(change.after)}`;
    default:
      return `changed its ${change.field}`;
  }
}

/** What one history entry did, as a person says it: "maria renamed it from “A” to “B”". */
export function historySentence(entry: OrderHistoryEntry, formatDate: (iso: string) => string): string {
  const who = `${actorName(entry.actor)}${entry.tokenName ? ` (token “${entry.tokenName}”)` : ""}`;
  const completed = entry.changes.find((change) => change.field === "completed");
  switch (entry.kind) {
    case OrderHistoryKind.CREATED: {
      const name = entry.changes.find((change) => change.field === "name")?.after;
      return `${who} created it${name ? ` as “${name}”` : ""}`;
    }
    case OrderHistoryKind.DELETED:
      return `${who} deleted it`;
    case OrderHistoryKind.RESTORED:
      return `${who} restored it`;
    case OrderHistoryKind.STATUS_CHECKED:
      if (!completed) return `${who} checked its status: unchanged`;
      return `${who} checked its status: now ${completed.after === "true" ? "completed" : "open"}`;
    case OrderHistoryKind.UPDATED:
    case OrderHistoryKind.UNSPECIFIED:
      if (entry.changes.length === 0) return `${who} saved it unchanged`;
      return `${who} ${listing(entry.changes.map((change) => changeText(change, formatDate)))}`;
  }
}
