"use client";

import { useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { OrderService } from "@/gen/order/order_pb";
import { errorSentence, fieldViolations } from "@/lib/connect-error-text";
import { fromLocalInputValue, toZonedInputValue } from "@/lib/order-dates";
import { orderListsKey } from "@/lib/order-query-keys";
import { Alert } from "./alert";
import { FormField, describedBy, inputClass } from "./form-field";
import { useTimeZone } from "./use-time-zone";

type Created = { uuid: string; name: string };

/** The create form: name, date (defaulting to now, in local time), completed. */
export function CreateOrderForm() {
  const queryClient = useQueryClient();
  const timeZone = useTimeZone();
  const nameInput = useRef<HTMLInputElement>(null);
  const dateInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [completed, setCompleted] = useState(false);
  // Undefined until the browser has a clock to show: the server's "now" would not match it.
  const [date, setDate] = useState<Date | undefined>(undefined);
  const [dateTouched, setDateTouched] = useState(false);
  const [nameRequired, setNameRequired] = useState(false);
  const [created, setCreated] = useState<Created | undefined>(undefined);

  const createOrder = useMutation(OrderService.method.createOrder, {
    onSuccess: async (response) => {
      setCreated(response.order && { uuid: response.order.uuid, name: response.order.name });
      setName("");
      setCompleted(false);
      setDateTouched(false);
      await queryClient.invalidateQueries({ queryKey: orderListsKey });
    },
  });

  // While untouched the date follows the clock, so a form left open still means "now".
  useEffect(() => {
    if (dateTouched) return;
    const tick = () => setDate(new Date());
    tick();
    const timer = setInterval(tick, 20_000);
    return () => clearInterval(timer);
  }, [dateTouched]);

  const violations = fieldViolations(createOrder.error);
  const nameError = nameRequired ? "Name is required." : violations.get("name");
  const dateError = violations.get("date");
  const otherError = createOrder.error && violations.size === 0 ? errorSentence(createOrder.error) : undefined;

  useEffect(() => {
    // Send the person to the first field the server rejected.
    if (violations.has("name")) nameInput.current?.focus();
    else if (violations.has("date")) dateInput.current?.focus();
    // Only when a new error arrives, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [createOrder.error]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createOrder.isPending) return;
    setCreated(undefined);
    if (name.trim() === "") {
      setNameRequired(true);
      createOrder.reset();
      nameInput.current?.focus();
      return;
    }
    setNameRequired(false);
    // Untouched means the moment of submitting, to the millisecond; a picked date is sent as UTC.
    const when = dateTouched ? date : new Date();
    createOrder.mutate({ name, completed, date: when ? when.toISOString() : (dateInput.current?.value ?? "") });
  }

  return (
    <section aria-labelledby="create-heading" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="create-heading" className="mb-3 text-base font-semibold">
        New order
      </h2>
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_13.5rem_auto_auto] sm:items-start">
        <FormField id="create-name" label="Name" error={nameError}>
          <input
            ref={nameInput}
            {...describedBy("create-name", nameError)}
            name="name"
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              if (nameRequired) setNameRequired(false);
            }}
            autoComplete="off"
            aria-required="true"
            placeholder="e.g. 12 boxes of printer paper"
            className={inputClass}
          />
        </FormField>
        <FormField id="create-date" label="Date" error={dateError}>
          <input
            ref={dateInput}
            {...describedBy("create-date", dateError)}
            type="datetime-local"
            name="date"
            value={date ? toZonedInputValue(date, timeZone) : ""}
            onChange={(event) => {
              setDateTouched(true);
              setDate(fromLocalInputValue(event.target.value));
            }}
            className={`${inputClass} tabular`}
          />
        </FormField>
        <div className="flex h-10 items-center sm:mt-7">
          <label className="flex cursor-pointer items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              name="completed"
              checked={completed}
              onChange={(event) => setCompleted(event.target.checked)}
              className="size-4 rounded border-zinc-400 accent-indigo-600"
            />
            Completed
          </label>
        </div>
        <div className="sm:mt-7">
          <button
            type="submit"
            aria-disabled={createOrder.isPending}
            className="h-10 w-full rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 aria-disabled:opacity-70 sm:w-auto"
          >
            {createOrder.isPending ? "Adding…" : "Add order"}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="empty:hidden mt-3">
        {created && (
          <Alert tone="success" onDismiss={() => setCreated(undefined)}>
            Created <Link href={`/orders/${created.uuid}`} className="font-medium underline underline-offset-2">{created.name}</Link>.
          </Alert>
        )}
      </div>
      {otherError && (
        <div className="mt-3">
          <Alert tone="error">Couldn&apos;t create the order: {otherError} Your input is kept; try again.</Alert>
        </div>
      )}
    </section>
  );
}
