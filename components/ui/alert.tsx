import type { ReactNode } from "react";

const tones = {
  error: "border-red-200 bg-red-50 text-red-900 dark:border-red-900/60 dark:bg-red-950/50 dark:text-red-100",
  info: "border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900/60 dark:bg-sky-950/50 dark:text-sky-100",
  success:
    "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900/60 dark:bg-emerald-950/50 dark:text-emerald-100",
} as const;

/** A message box; errors interrupt screen readers (role=alert), other news waits politely. */
export function Alert({
  tone,
  children,
  onDismiss,
}: {
  tone: keyof typeof tones;
  children: ReactNode;
  onDismiss?: () => void;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`flex items-start gap-3 rounded-lg border px-4 py-3 text-sm ${tones[tone]}`}
    >
      <div className="min-w-0 flex-1 break-words">{children}</div>
      {onDismiss && (
        <button
          type="button"
          onClick={onDismiss}
          className="-my-1 -mr-2 rounded-md px-2 py-1 text-xs font-medium underline-offset-2 hover:underline"
        >
          Dismiss
        </button>
      )}
    </div>
  );
}
