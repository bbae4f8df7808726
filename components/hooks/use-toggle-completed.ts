import { useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";
import { OrderService } from "@/gen/order/order_pb";
import type { ListOrdersResponse, Order, ReadOrderResponse } from "@/gen/order/order_pb";
import { errorSentence, isNotFound } from "@/lib/connect-error-text";
import { orderDetailsKey, orderListsKey } from "@/lib/order-query-keys";
import { useOrderCache } from "./use-order-cache";

const allDetailsKey = orderDetailsKey();

/**
 * Sets one order's `completed` wherever the cache holds the version with `etag`: every list page
 * and its detail. A newer version (from the live stream) is left as it is.
 */
function setCompletedInCache(queryClient: QueryClient, uuid: string, etag: string, completed: boolean): void {
  const patch = (order: Order) => (order.uuid === uuid && order.etag === etag ? { ...order, completed } : order);
  queryClient.setQueriesData<ListOrdersResponse>(
    { queryKey: orderListsKey },
    (page) => page && { ...page, orders: page.orders.map(patch) },
  );
  queryClient.setQueriesData<ReadOrderResponse>({ queryKey: allDetailsKey }, (read) =>
    read?.order ? { ...read, order: patch(read.order) } : read,
  );
}

/**
 * Toggles `completed` optimistically: the cache changes at once, the request sends only that
 * field (update_mask) and the etag of the version shown, and a failure puts the old value back
 * and says why (an order changed elsewhere is read again and shown as it now is).
 */
export function useToggleCompleted({
  onFailure,
  onSuccess,
}: {
  onFailure: (reason: string, wanted: boolean, uuid: string) => void;
  onSuccess?: (order: Order) => void;
}) {
  const queryClient = useQueryClient();
  const orderCache = useOrderCache();
  return useMutation(OrderService.method.updateOrder, {
    onMutate: async (request) => {
      // A list refetch landing after the optimistic write would undo it on screen.
      await queryClient.cancelQueries({ queryKey: orderListsKey });
      setCompletedInCache(queryClient, request.uuid ?? "", request.etag ?? "", request.completed ?? false);
    },
    onSuccess: async (response) => {
      if (!response.order) return;
      // Its new etag, so the next toggle is not refused as stale (pending until it is stored).
      await orderCache.setOrder(response.order);
      onSuccess?.(response.order);
    },
    onError: (error, request) => {
      // Only this order's field goes back: other toggles in flight keep their own updates.
      setCompletedInCache(queryClient, request.uuid ?? "", request.etag ?? "", !(request.completed ?? false));
      void orderCache.catchUp(request.uuid ?? "", error);
      onFailure(errorSentence(error), request.completed ?? false, request.uuid ?? "");
    },
    onSettled: async (_response, error) => {
      await Promise.all([
        // Marked stale but not refetched while on screen: a row ticked under "Open" stays where
        // it is (with focus on its checkbox) until the person pages, filters or comes back.
        // An order that turned out to be gone leaves the list at once.
        queryClient.invalidateQueries({ queryKey: orderListsKey, refetchType: isNotFound(error) ? "active" : "none" }),
        queryClient.invalidateQueries({ queryKey: allDetailsKey }),
      ]);
    },
  });
}
