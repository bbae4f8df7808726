"use client";

import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { OrderService } from "@/gen/order/order_pb";
import { errorSentence } from "@/lib/connect-error-text";
import { orderDetailsKey, orderListsKey } from "@/lib/order-query-keys";
import { Alert } from "../ui/alert";

/** How long a person waits for the fulfilment system before the check gives up. */
const checkTimeoutMs = 5_000;

/**
 * Asks the fulfilment system (OrderService.CheckStatusOrder, which calls the checker) whether
 * the order has shipped, and shows the answer. The server records the answer, so the order
 * and the lists are refetched; a check past its deadline changes nothing and says so.
 */
export function CheckStatusButton({ uuid }: { uuid: string }) {
  const transport = useTransport();
  const queryClient = useQueryClient();
  const check = useMutation({
    // connect-query's useMutation takes no call options; the deadline needs one.
    mutationFn: () => createClient(OrderService, transport).checkStatusOrder({ uuid }, { timeoutMs: checkTimeoutMs }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: orderDetailsKey(uuid) }),
        queryClient.invalidateQueries({ queryKey: orderListsKey }),
      ]),
  });

  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        // aria-disabled, not disabled: a disabled button drops keyboard focus to <body>.
        aria-disabled={check.isPending}
        onClick={() => {
          if (!check.isPending) check.mutate();
        }}
        className="h-10 self-start rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium hover:bg-zinc-50 aria-disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
      >
        {check.isPending ? "Checking status…" : "Check status"}
      </button>
      {check.isSuccess && (
        <Alert tone={check.data.completed ? "success" : "info"} onDismiss={() => check.reset()}>
          {check.data.completed
            ? "The fulfilment system reports this order as completed."
            : "The fulfilment system reports this order as not completed yet."}
        </Alert>
      )}
      {check.isError && (
        <Alert tone="error" onDismiss={() => check.reset()}>
          {ConnectError.from(check.error).code === Code.DeadlineExceeded
            ? `The fulfilment system did not answer within ${checkTimeoutMs / 1000} seconds; the order is unchanged.`
            : `Couldn't check the status: ${errorSentence(check.error)}`}
        </Alert>
      )}
    </div>
  );
}
