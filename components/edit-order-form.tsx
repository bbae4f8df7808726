"use client";

import { createConnectQueryKey, useMutation, useTransport } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { FormEvent } from "react";
import { OrderService } from "@/gen/order/order_pb";
import type { Order } from "@/gen/order/order_pb";
import { errorSentence, fieldViolations } from "@/lib/connect-error-text";
import { fromLocalInputValue, toDate, toZonedInputValue } from "@/lib/order-dates";
import { orderListsKey } from "@/lib/order-query-keys";
import { Alert } from "./alert";
import { FormField, describedBy, inputClass } from "./form-field";
import { useTimeZone } from "./use-time-zone";

/** Edits name and date; only the fields that changed are sent (update_mask). */
export function EditOrderForm({ order }: { order: Order }) {
  const queryClient = useQueryClient();
  const transport = useTransport();
  const timeZone = useTimeZone();
  const [name, setName] = useState(order.name);
  // The instant, not the input's text: the text depends on the zone, which hydration changes.
  const [date, setDate] = useState<Date | undefined>(toDate(order.date));
  const [dateText, setDateText] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);

  const update = useMutation(OrderService.method.updateOrder, {
    onSuccess: async (response) => {
      queryClient.setQueryData(
        // The exact key useQuery made, transport included, so the detail updates in place.
        createConnectQueryKey({ schema: OrderService.method.readOrder, input: { uuid: order.uuid }, transport, cardinality: "finite" }),
        (read) => (read && response.order ? { ...read, order: response.order } : read),
      );
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: orderListsKey });
    },
  });

  const originalDate = toDate(order.date);
  const nameChanged = name !== order.name;
  const dateChanged = date?.getTime() !== originalDate?.getTime() || dateText === "";
  const violations = fieldViolations(update.error);
  const nameError = violations.get("name");
  const dateError = dateText === "" ? "Enter a complete date and time." : violations.get("date");
  const otherError = update.error && violations.size === 0 ? errorSentence(update.error) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending || dateText === "") return;
    const paths = [...(nameChanged ? ["name"] : []), ...(dateChanged ? ["date"] : [])];
    if (paths.length === 0) return;
    setSaved(false);
    update.mutate({ uuid: order.uuid, name, date: date?.toISOString() ?? "", updateMask: { paths } });
  }

  return (
    <section aria-labelledby="edit-heading" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="edit-heading" className="mb-3 text-base font-semibold">
        Edit order
      </h2>
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_13.5rem]">
        <FormField id="edit-name" label="Name" error={nameError}>
          <input
            {...describedBy("edit-name", nameError)}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setSaved(false);
            }}
            autoComplete="off"
            aria-required="true"
            className={inputClass}
          />
        </FormField>
        <FormField id="edit-date" label="Date" error={dateError}>
          <input
            {...describedBy("edit-date", dateError)}
            type="datetime-local"
            value={dateText ?? (date ? toZonedInputValue(date, timeZone) : "")}
            onChange={(event) => {
              const next = fromLocalInputValue(event.target.value);
              setDateText(next ? undefined : event.target.value);
              if (next) setDate(next);
              setSaved(false);
            }}
            className={`${inputClass} tabular`}
          />
        </FormField>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <button
            type="submit"
            aria-disabled={update.isPending || !(nameChanged || dateChanged)}
            className="h-10 rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 aria-disabled:cursor-not-allowed aria-disabled:opacity-60"
          >
            {update.isPending ? "Saving…" : "Save changes"}
          </button>
          <button
            type="button"
            onClick={() => {
              setName(order.name);
              setDate(originalDate);
              setDateText(undefined);
              update.reset();
            }}
            className="h-10 rounded-md px-3 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            Reset
          </button>
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {saved && !nameChanged && !dateChanged ? "Saved." : ""}
          </span>
        </div>
      </form>
      {otherError && (
        <div className="mt-3">
          <Alert tone="error">Couldn&apos;t save: {otherError} Your changes are kept; try again.</Alert>
        </div>
      )}
    </section>
  );
}
