import type { InputHTMLAttributes, ReactNode } from "react";

/** Shared look for text inputs; invalid inputs get a red ring as well as the message. */
export const inputClass =
  "block h-10 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-500 " +
  "aria-invalid:border-red-600 aria-invalid:ring-1 aria-invalid:ring-red-600 " +
  "dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400 dark:aria-invalid:border-red-400 dark:aria-invalid:ring-red-400";

/** A label, its input, and the message the input is described by when something is wrong. */
export function FormField({
  id,
  label,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      {children}
      {error && (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** The props that tie an input to its FormField message. */
export function describedBy(id: string, error: string | undefined) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  } as const;
}

/** A labelled text input wired to its message: for forms whose inputs need nothing more. */
export function InputField({
  id,
  label,
  error,
  ...input
}: { id: string; label: string; error: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FormField id={id} label={label} error={error}>
      <input {...describedBy(id, error)} {...input} className={inputClass} />
    </FormField>
  );
}
