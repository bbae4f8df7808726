import { useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { FormEvent } from "react";
import { OrderService } from "@/gen/order/order_pb";
import type { Order } from "@/gen/order/order_pb";
import { actorName } from "@/lib/actor-name";
import { isChangedElsewhere } from "@/lib/connect-error-text";
import { toDate, toWallTimeText } from "@/lib/date-time";
import { fromWallTimeText } from "@/lib/wall-time-text";
import { orderListsKey } from "@/lib/order-query-keys";
import { useFormErrors } from "../hooks/use-form-errors";
import { useOrderCache } from "../hooks/use-order-cache";
import { useUnsavedChangesGuard } from "../hooks/use-unsaved-changes-guard";
import { useViewerDates } from "../viewer-dates";
import { maxNameLength } from "@/lib/order-limits";
import { outageMessage } from "@/lib/connect-error-text";
import { Alert } from "../ui/alert";
import { NameCounter } from "../ui/name-counter";
import { DateTimeInput, incompleteDateMessage, isDateIncomplete } from "../ui/date-time-input";
import { dateProblemOf } from "../ui/typed-date";
import { FormCard } from "../ui/form-card";
import { FormField, describedBy, inputClass } from "../ui/form-field";

const inputIds = { name: "edit-name", date: "edit-date" };
const messageId = "edit-form-error";

/**
 * Edits name and date; only the fields that changed are sent (update_mask), with the etag of the
 * version the edits were made on, so a save never overwrites a change it did not show.
 */
export function EditOrderForm({ order }: { order: Order }) {
  const queryClient = useQueryClient();
  const orderCache = useOrderCache();
  const { timeZone } = useViewerDates();
  const dateInput = useRef<HTMLInputElement>(null);
  // Drafts: undefined means "as stored". The stored date's text depends on the viewer's zone,
  // which is only known after hydration, so it is derived, never copied into state.
  const [nameDraft, setNameDraft] = useState<string | undefined>(undefined);
  const [dateDraft, setDateDraft] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  // The version the drafts were typed over, and whether its name or date was replaced (by the
  // live stream, or after a save refused as stale) while they were being typed.
  const [base, setBase] = useState<Order | undefined>(undefined);
  const [changedElsewhere, setChangedElsewhere] = useState(false);

  const storedDate = toDate(order.date);
  const storedDateText = storedDate && timeZone ? toWallTimeText(storedDate, timeZone) : "";
  const nameChanged = nameDraft !== undefined && nameDraft !== order.name;
  const dateChanged = dateDraft !== undefined && dateDraft !== storedDateText;
  const editing = nameChanged || dateChanged;
  useUnsavedChangesGuard(editing);

  const update = useMutation(OrderService.method.updateOrder, {
    onSuccess: async (response) => {
      // Stored first: the drafts give way to the saved version, never to the one before it.
      if (response.order) await orderCache.setOrder(response.order);
      // The server may store the name trimmed: what it answered is now the saved state.
      setNameDraft(undefined);
      setDateDraft(undefined);
      setBase(undefined);
      setChangedElsewhere(false);
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: orderListsKey });
    },
    onError: (error) => void orderCache.catchUp(order.uuid, error),
  });
  const errors = useFormErrors(inputIds, messageId, update.error);

  // A new version arrived under the drafts: they stay, the page shows that version, the next
  // save applies the drafts to it, and a new name or date is pointed out (a toggle is not). Not
  // while a save is in flight: the version may be the save's own (its answer clears the drafts),
  // or the save is refused and says so itself.
  if (base && base.etag !== order.etag && !update.isPending) {
    setBase(editing ? order : undefined);
    const renamedOrMoved = base.name !== order.name || base.date !== order.date;
    if (editing && renamedOrMoved && !isChangedElsewhere(update.error)) setChangedElsewhere(true);
  }
  const startEditing = () => {
    setSaved(false);
    setBase((shown) => shown ?? order);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending || !(nameChanged || dateChanged)) return;
    update.reset();
    const date =
      dateChanged && timeZone && !isDateIncomplete(dateInput.current)
        ? fromWallTimeText(dateDraft ?? "", timeZone)
        : undefined;
    const nameProblem = nameChanged && (nameDraft ?? "").trim() === "" ? "Name is required." : undefined;
    let dateProblem: string | undefined;
    if (dateChanged && !date) {
      dateProblem = timeZone ? dateProblemOf(dateInput.current, dateDraft ?? "", timeZone) : incompleteDateMessage;
    }
    if (!errors.check({ name: nameProblem, date: dateProblem })) return;
    setSaved(false);
    update.mutate({
      uuid: order.uuid,
      name: nameDraft ?? order.name,
      date: date?.toISOString() ?? "",
      updateMask: { paths: [...(nameChanged ? ["name"] : []), ...(date ? ["date"] : [])] },
      etag: (base ?? order).etag,
    });
  }

  const nameError = errors.errorOf("name");
  const dateError = errors.errorOf("date");
  return (
    <FormCard headingId="edit-heading" title="Edit order">
      <form method="post" onSubmit={submit} noValidate className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_15rem]">
        <FormField id="edit-name" label="Name" error={nameError}>
          <div className="relative">
            <input
              maxLength={maxNameLength}
              {...describedBy("edit-name", nameError)}
              dir="auto"
              value={nameDraft ?? order.name}
              onChange={(event) => {
                setNameDraft(event.target.value);
                startEditing();
                errors.clear("name");
              }}
              autoComplete="off"
              aria-required="true"
              className={`${inputClass} pr-16`}
            />
            <NameCounter name={nameDraft ?? order.name} />
          </div>
        </FormField>
        <FormField id="edit-date" label="Date" error={dateError}>
          <DateTimeInput
            id="edit-date"
            inputRef={dateInput}
            text={dateDraft ?? storedDateText}
            error={dateError}
            onTextChange={(text) => {
              setDateDraft(text);
              startEditing();
              errors.clear("date");
            }}
          />
        </FormField>
        <div className="flex flex-wrap items-center gap-3 lg:col-span-2">
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
              setNameDraft(undefined);
              setDateDraft(undefined);
              setBase(undefined);
              setChangedElsewhere(false);
              errors.check({});
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
      {changedElsewhere && editing && !update.error && (
        <div className="mt-3">
          <Alert tone="info" onDismiss={() => setChangedElsewhere(false)}>
            {actorName(order.updatedBy)} changed this order while you were editing. Its latest version is shown above;
            your edits are kept here. Save applies them to it, Reset discards them.
          </Alert>
        </div>
      )}
      {errors.formError && (
        <div id={messageId} tabIndex={-1} className="mt-3 outline-none">
          <Alert tone="error">
            Couldn&apos;t save: {errors.formError}
            {isChangedElsewhere(update.error) && ` It was last changed by ${actorName(order.updatedBy)}.`}
            {/* The outage message already says nothing typed is lost: not twice. */}
            {errors.formError !== outageMessage &&
              ` Your changes are kept${isChangedElsewhere(update.error) ? ": save again to apply them to it, or Reset to discard them." : "."}`}
          </Alert>
        </div>
      )}
    </FormCard>
  );
}
