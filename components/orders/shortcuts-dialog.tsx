import { useEffect, useRef } from "react";

/** Every shortcut of the list; `?` opens it (GitHub's and Gmail's convention). */
export const shortcuts: [key: string, what: string][] = [
  ["/", "Search by name"],
  ["c", "New order: type its name"],
  ["j", "Next order in the list"],
  ["k", "Previous order in the list"],
  ["x", "Select the order (its checkbox, where there is one)"],
  ["Enter", "Open the focused order"],
  ["?", "This list"],
];

/**
 * The shortcut list, a modal dialog (the browser's own: focus trapped, Escape closes, focus
 * returns). Loaded only when first asked for, so the list's first load does not carry it.
 */
export default function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-heading"
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-xl border border-zinc-200 bg-white p-6 text-zinc-900 shadow-lg backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="shortcuts-heading" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {shortcuts.map(([key, what]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded border border-zinc-300 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700">
                {key}
              </kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-6 flex justify-end">
        <button
          type="submit"
          autoFocus
          className="h-10 rounded-md border border-zinc-300 px-3 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Close
        </button>
      </form>
    </dialog>
  );
}
