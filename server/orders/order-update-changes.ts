import type { UpdateOrderRequest } from "../../gen/order/order_pb";
import { checkDate, checkName } from "./order-mapping";
import type { Violations } from "./order-mapping";
import type { OrderChanges } from "./order-repository";

const updatableFields = ["name", "completed", "date"] as const;

// An empty update_mask replaces name, completed and date as the original service did
// (an empty date keeps the stored one); a mask changes only the fields it names.
export function updateChanges(request: UpdateOrderRequest, violations: Violations): OrderChanges {
  const paths = request.updateMask?.paths.length ? request.updateMask.paths : updatableFields;
  const changes: OrderChanges = {};
  for (const path of paths) {
    switch (path) {
      case "name":
        changes.name = checkName(request.name, violations);
        break;
      case "completed":
        changes.completed = request.completed;
        break;
      case "date":
        changes.date = checkDate(request.date, violations, false);
        break;
      default:
        violations.add("update_mask", `update_mask path "${path}" is not one of ${updatableFields.join(", ")}.`);
    }
  }
  return changes;
}
