/**
 * A destructive action on one row of a server-rendered list: a form posting the row's id to a
 * server action, so it works before (and without) JavaScript. `label` names the row for screen readers.
 */
export function RowActionForm({
  action,
  id,
  label,
  children,
}: {
  action: (form: FormData) => Promise<void>;
  id: string;
  label: string;
  children: string;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        aria-label={label}
        className="rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
      >
        {children}
      </button>
    </form>
  );
}
