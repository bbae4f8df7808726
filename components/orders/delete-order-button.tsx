import { useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { OrderService } from "@/gen/order/order_pb";
import type { Order } from "@/gen/order/order_pb";
import { errorSentence } from "@/lib/connect-error-text";
import { deleteOrderKey, orderListsKey } from "@/lib/order-query-keys";
import { listHref } from "@/lib/list-return";
import { setFlashMessage } from "../hooks/use-flash-message";
import { useOrderCache } from "../hooks/use-order-cache";
import { Alert } from "../ui/alert";

/**
 * Delete behind a confirmation. The native modal dialog traps focus, closes on Escape and hands
 * focus back to this button when cancelled; Cancel has focus first, so Enter never deletes by accident.
 */
export function DeleteOrderButton({ order }: { order: Order }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const queryClient = useQueryClient();
  const orderCache = useOrderCache();
  const remove = useMutation(OrderService.method.deleteOrder, {
    mutationKey: deleteOrderKey(order.uuid),
    onSuccess: async () => {
      setFlashMessage(`Deleted “${order.name}”.`);
      await queryClient.invalidateQueries({ queryKey: orderListsKey });
      dialog.current?.close();
      router.push(listHref());
    },
    // Changed elsewhere (a stale etag): the dialog says so over the order's latest version, and
    // a second press deletes that one.
    onError: (error) => void orderCache.catchUp(order.uuid, error),
  });

  // Remembered as gone once this page has been left (not before: the page would turn into
  // "not found" under the open dialog), so Back shows "not found", not the old order.
  const deleted = remove.isSuccess;
  const { markDeleted } = orderCache;
  useEffect(() => (deleted ? () => void markDeleted(order.uuid) : undefined), [deleted, markDeleted, order.uuid]);

  return (
    <>
      <button
        type="button"
        onClick={() => {
          remove.reset();
          dialog.current?.showModal();
        }}
        className="h-10 rounded-md border border-red-300 bg-white px-3 text-sm font-medium text-red-700 hover:bg-red-50 dark:border-red-900 dark:bg-zinc-900 dark:text-red-400 dark:hover:bg-red-950/50"
      >
        Delete
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-title"
        aria-describedby="delete-description"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="flex flex-col gap-4 p-5">
          <h2 id="delete-title" className="text-lg font-semibold">
            Delete this order?
          </h2>
          <p id="delete-description" className="text-sm break-words text-zinc-600 dark:text-zinc-400">
            “{order.name}” will be removed for everyone. This cannot be undone.
          </p>
          {remove.error && <Alert tone="error">Couldn&apos;t delete: {errorSentence(remove.error)}</Alert>}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              autoFocus
              onClick={() => dialog.current?.close()}
              className="h-10 rounded-md border border-zinc-300 px-4 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Cancel
            </button>
            <button
              type="button"
              aria-disabled={remove.isPending}
              onClick={() => {
                if (!remove.isPending) remove.mutate({ uuid: order.uuid, etag: order.etag });
              }}
              className="h-10 rounded-md bg-red-600 px-4 text-sm font-semibold text-white hover:bg-red-500 aria-disabled:opacity-70"
            >
              {remove.isPending ? "Deleting…" : "Delete order"}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
