import { Code, ConnectError } from "@connectrpc/connect";
import { callUnaryMethod, useTransport } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { OrderService } from "@/gen/order/order_pb";
import type { Order } from "@/gen/order/order_pb";
import { isNotFound } from "@/lib/connect-error-text";
import { orderChanges } from "@/lib/load-order-changes";

/**
 * Writes one order's new version to its cached detail and the list pages that hold it, or marks
 * its detail deleted (the lists learn of deletes from the live stream). Both resolve once the
 * cache holds the change: the code that places it is fetched with the first one.
 */
export function useOrderCache() {
  const queryClient = useQueryClient();
  const transport = useTransport();
  // Stable across renders, so effects may depend on these functions.
  return useMemo(() => {
    const setOrder = async (order: Order) =>
      (await orderChanges.load()).applyOrderChange(queryClient, { kind: "updated", order });
    const forget = async (uuid: string) => (await orderChanges.load()).markDeleted(queryClient, uuid);
    return {
      setOrder,
      markDeleted: forget,
      /**
       * After a failed write: if the order is gone, every screen showing it says so; if it was
       * changed elsewhere (ABORTED: a stale etag), the version now stored is read and shown.
       */
      async catchUp(uuid: string, error: unknown): Promise<void> {
        if (isNotFound(error)) return forget(uuid);
        if (ConnectError.from(error).code !== Code.Aborted) return;
        try {
          const { order } = await callUnaryMethod(transport, OrderService.method.readOrder, { uuid });
          if (order) await setOrder(order);
        } catch (readError) {
          if (isNotFound(readError)) await forget(uuid);
        }
      },
    };
  }, [queryClient, transport]);
}
