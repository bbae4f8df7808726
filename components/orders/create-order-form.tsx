import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { OrderService } from "@/gen/order/order_pb";
import type { CreateOrderRequestSchema } from "@/gen/order/order_pb";
import { toWallTimeText } from "@/lib/date-time";
import { lazyModule } from "@/lib/lazy-module";
import { orderListsKey } from "@/lib/order-query-keys";
import { useFormErrors } from "../hooks/use-form-errors";
import { useUnsavedChangesGuard } from "../hooks/use-unsaved-changes-guard";
import { useViewerDates } from "../viewer-dates";
import { maxNameLength } from "@/lib/order-limits";
import { Alert } from "../ui/alert";
import { NameCounter } from "../ui/name-counter";
import { DateTimeInput, incompleteDateMessage } from "../ui/date-time-input";
import { FormCard } from "../ui/form-card";
import { FormField, describedBy, inputClass } from "../ui/form-field";

type Created = { uuid: string; name: string };
type CreateOrderRequestInit = MessageInitShape<typeof CreateOrderRequestSchema>;

const inputIds = { name: "create-name", date: "create-date" };
const messageId = "create-form-error";

// Reading a typed date is needed only for a date the person changed, when it is sent: fetched
// once the date field is edited, and waited for by a send that comes before it arrives.
const typedDateReader = lazyModule(() => import("../ui/typed-date"));

/** The create form: name, date (now, in the viewer's zone, until the person changes it), completed. */
export function CreateOrderForm() {
  const queryClient = useQueryClient();
  const { timeZone } = useViewerDates();
  const dateInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [completed, setCompleted] = useState(false);
  // Undefined while untouched: the field then shows the clock and the order gets the moment of
  // sending. Once touched it holds exactly what the browser reports, and that is what is sent.
  const [dateText, setDateText] = useState<string | undefined>(undefined);
  // Undefined on the server and while hydrating: the server's "now" would not match the browser's.
  const [now, setNow] = useState<Date | undefined>(undefined);
  const [created, setCreated] = useState<Created | undefined>(undefined);

  const attempt = useRef<{ content: string; request: CreateOrderRequestInit } | undefined>(undefined);
  // The date reader could not be fetched: the server is out of reach, and the form says so.
  const [readFailure, setReadFailure] = useState<ConnectError | undefined>(undefined);

  const createOrder = useMutation(OrderService.method.createOrder, {
    onSuccess: (response, sent) => {
      if (attempt.current?.request === sent) attempt.current = undefined;
      setCreated(response.order && { uuid: response.order.uuid, name: response.order.name });
      // Only what was sent is cleared: text typed while the request was in flight stays.
      setName((current) => (current === sent.name ? "" : current));
      setDateText(undefined);
      setCompleted(false);
      // Not awaited: the form is ready again at once, while the list refreshes behind it.
      void queryClient.invalidateQueries({ queryKey: orderListsKey });
    },
  });
  const errors = useFormErrors(inputIds, messageId, createOrder.error ?? readFailure);
  // A typed name is not thrown away unasked: not by opening an order, nor by a full reload
  // (which is also what a link does when the server cannot be reached).
  useUnsavedChangesGuard(name.trim() !== "");

  useEffect(() => {
    if (dateText !== undefined) return;
    const tick = () => setNow(new Date());
    tick();
    const timer = setInterval(tick, 20_000);
    return () => clearInterval(timer);
  }, [dateText]);

  /** The date to send, or why there is none; undefined while the typed date's reader is on its way. */
  function dateToSend(): { date?: Date; problem?: string } | undefined {
    if (dateText === undefined) return { date: new Date() };
    if (!timeZone) return { problem: incompleteDateMessage };
    return typedDateReader.loaded()?.typedDate(dateInput.current, dateText, timeZone);
  }

  function send() {
    if (createOrder.isPending) return;
    setCreated(undefined);
    setReadFailure(undefined);
    createOrder.reset();
    // The same content as an attempt that has not succeeded is that attempt again, sent exactly
    // as before (its "now" included) under its request_id: a double click, a second Enter or a
    // retry after a network error creates one order. New content is a new attempt.
    const content = JSON.stringify([name, completed, dateText ?? null]);
    let request = attempt.current?.content === content ? attempt.current.request : undefined;
    if (!request) {
      const dated = dateToSend();
      if (!dated) {
        // Edited, but its reader (fetched then) has not arrived: this send goes once it has.
        void typedDateReader.load().then(
          () => send(),
          (cause: unknown) =>
            setReadFailure(new ConnectError("no date reader", Code.Unavailable, undefined, undefined, cause)),
        );
        return;
      }
      const { date, problem } = dated;
      if (!errors.check({ name: name.trim() === "" ? "Name is required." : undefined, date: problem }) || !date) return;
      request = { name, completed, date: date.toISOString(), requestId: crypto.randomUUID() };
      attempt.current = { content, request };
    }
    createOrder.mutate(request);
  }

  const nameError = errors.errorOf("name");
  const dateError = errors.errorOf("date");
  return (
    <FormCard headingId="create-heading" title="New order">
      {/* POST keeps a no-JavaScript submit from putting the name in the URL; the note says why nothing happens. */}
      <form
        method="post"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
        noValidate
        className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,1fr)_15rem_auto_auto] lg:items-start"
      >
        <FormField id="create-name" label="Name" error={nameError} className="col-span-2 lg:col-span-1">
          <div className="relative">
            <input
              maxLength={maxNameLength}
              {...describedBy("create-name", nameError)}
              name="name"
              dir="auto"
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                errors.clear("name");
              }}
              autoComplete="off"
              aria-required="true"
              placeholder="e.g. 12 boxes of printer paper"
              className={`${inputClass} pr-16`}
            />
            <NameCounter name={name} />
          </div>
        </FormField>
        <FormField id="create-date" label="Date" error={dateError} className="col-span-2 lg:col-span-1">
          <DateTimeInput
            id="create-date"
            name="date"
            inputRef={dateInput}
            text={dateText ?? (now && timeZone ? toWallTimeText(now, timeZone) : "")}
            error={dateError}
            onTextChange={(text) => {
              void typedDateReader.load();
              setDateText(text);
              errors.clear("date");
            }}
          />
        </FormField>
        <div className="flex h-10 items-center lg:mt-7">
          <label className="flex min-h-6 cursor-pointer items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              name="completed"
              checked={completed}
              onChange={(event) => setCompleted(event.target.checked)}
              className="size-5 rounded border-zinc-400 accent-indigo-600"
            />
            Completed
          </label>
        </div>
        <div className="lg:mt-7">
          <button
            type="submit"
            aria-disabled={createOrder.isPending}
            className="h-10 w-full rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 aria-disabled:opacity-70 lg:w-auto"
          >
            {createOrder.isPending ? "Adding…" : "Add order"}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="mt-3 empty:hidden">
        {created && (
          <Alert tone="success" onDismiss={() => setCreated(undefined)}>
            Created{" "}
            <Link href={`/orders/${created.uuid}`} dir="auto" className="font-medium underline underline-offset-2">
              {created.name}
            </Link>
            .
          </Alert>
        )}
      </div>
      {errors.formError && (
        <div id={messageId} tabIndex={-1} className="mt-3 outline-none">
          <Alert
            tone="error"
            onDismiss={() => {
              createOrder.reset();
              setReadFailure(undefined);
            }}
          >
            Couldn&apos;t add the order: {errors.formError}
          </Alert>
        </div>
      )}
    </FormCard>
  );
}
