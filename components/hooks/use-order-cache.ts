"use client";

import { create } from "@bufbuild/protobuf";
import { createConnectQueryKey, useTransport } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { OrderService, ReadOrderResponseSchema } from "@/gen/order/order_pb";
import type { Order } from "@/gen/order/order_pb";
import { isNotFound } from "@/lib/connect-error-text";

/**
 * Writes to one order's cached detail. A deleted order is kept as an answer without an order,
 * not removed: a removed entry would be filled again by the page's server-rendered data when the
 * person goes Back (hydration only skips entries newer than its own), showing the order as if it
 * still existed.
 */
export function useOrderCache() {
  const queryClient = useQueryClient();
  const transport = useTransport();
  // Stable across renders, so effects may depend on these functions.
  return useMemo(() => {
    // The exact key useQuery made, transport included, so the detail on screen updates in place.
    const keyOf = (uuid: string) =>
      createConnectQueryKey({
        schema: OrderService.method.readOrder,
        input: { uuid },
        transport,
        cardinality: "finite",
      });
    const markDeleted = (uuid: string) => {
      queryClient.setQueryData(keyOf(uuid), create(ReadOrderResponseSchema, {}));
    };
    return {
      setOrder(order: Order) {
        queryClient.setQueryData(keyOf(order.uuid), create(ReadOrderResponseSchema, { order }));
      },
      markDeleted,
      /** After a failed call: if the order no longer exists, every screen showing it says so. */
      forgetIfGone(uuid: string, error: unknown) {
        if (isNotFound(error)) markDeleted(uuid);
      },
    };
  }, [queryClient, transport]);
}
