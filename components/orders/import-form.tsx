"use client";

import { callUnaryMethod, useTransport } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { OrderBulkService } from "@/gen/order/order_bulk_pb";
import type { ImportOrdersResponse } from "@/gen/order/order_bulk_pb";
import { errorSentence } from "@/lib/connect-error-text";
import { orderListsKey } from "@/lib/order-query-keys";
import { Alert } from "../ui/alert";
import { FormCard } from "../ui/form-card";

/** As the server's limit (server/orders/order-import.ts): refused here before the upload. */
const maxBytes = 1_000_000;
const buttonClass =
  "h-10 rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 aria-disabled:opacity-70";

type Step =
  | { kind: "choose" }
  | { kind: "checked"; file: File; data: Uint8Array; report: ImportOrdersResponse }
  | { kind: "imported"; report: ImportOrdersResponse };

/** Choose a file, read the server's report of it, then import it: all rows or none. */
export function ImportForm() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [file, setFile] = useState<File | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const send = (data: Uint8Array, validateOnly: boolean) =>
    callUnaryMethod(transport, OrderBulkService.method.importOrders, {
      body: { contentType: "text/csv", data },
      validateOnly,
    });

  async function act(work: () => Promise<void>) {
    if (pending) return;
    setPending(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(errorSentence(caught));
    } finally {
      setPending(false);
    }
  }

  const check = () =>
    act(async () => {
      if (!file) return setError("Choose a CSV file first.");
      if (file.size > maxBytes) return setError(`The file is ${file.size} bytes; an import takes at most ${maxBytes}.`);
      const data = new Uint8Array(await file.arrayBuffer());
      setStep({ kind: "checked", file, data, report: await send(data, true) });
    });

  const run = (data: Uint8Array) =>
    act(async () => {
      const report = await send(data, false);
      await queryClient.invalidateQueries({ queryKey: orderListsKey });
      setStep({ kind: "imported", report });
    });

  return (
    <FormCard headingId="import-form-heading" title="File to import">
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium">
            CSV file
            <input
              type="file"
              accept=".csv,text/csv"
              className="text-sm"
              onChange={(event) => {
                setFile(event.target.files?.[0]);
                setStep({ kind: "choose" });
              }}
            />
          </label>
          <button type="button" className={buttonClass} aria-disabled={pending} onClick={() => void check()}>
            {pending && step.kind === "choose" ? "Checking…" : "Check file"}
          </button>
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        <div aria-live="polite" className="flex flex-col gap-3 empty:hidden">
          {step.kind === "checked" && <Report report={step.report} />}
          {step.kind === "imported" && (
            <Alert tone="success">
              Imported {step.report.createdCount} order{step.report.createdCount === 1 ? "" : "s"}
              {step.report.existingCount > 0 &&
                `; ${step.report.existingCount} were imported before and left as they are`}
              .{" "}
              <Link href="/" className="font-medium underline">
                Back to the orders
              </Link>
            </Alert>
          )}
        </div>
        {step.kind === "checked" && step.report.problems.length === 0 && step.report.rowCount > 0 && (
          <div>
            <button type="button" className={buttonClass} aria-disabled={pending} onClick={() => void run(step.data)}>
              {pending ? "Importing…" : `Import ${step.report.rowCount} order${step.report.rowCount === 1 ? "" : "s"}`}
            </button>
          </div>
        )}
      </div>
    </FormCard>
  );
}

/** The server's report: every problem by line and column, or that the file is ready. */
function Report({ report }: { report: ImportOrdersResponse }) {
  if (report.problems.length === 0) {
    return (
      <Alert tone="info">
        {report.rowCount === 0
          ? "The file has no rows to import."
          : `All ${report.rowCount} row${report.rowCount === 1 ? "" : "s"} can be imported${
              report.existingCount > 0
                ? ` (${report.existingCount} were imported before and will be left as they are)`
                : ""
            }. Nothing is created until you import them.`}
      </Alert>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <Alert tone="error">
        {report.problems.length} problem{report.problems.length === 1 ? "" : "s"} in {report.rowCount} row
        {report.rowCount === 1 ? "" : "s"}: nothing can be imported until the file is corrected.
      </Alert>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Problems in the file</caption>
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-3">
              Line
            </th>
            <th scope="col" className="py-1 pr-3">
              Column
            </th>
            <th scope="col" className="py-1">
              Problem
            </th>
          </tr>
        </thead>
        <tbody>
          {report.problems.map((problem, index) => (
            <tr key={index} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="tabular py-1 pr-3">{problem.line}</td>
              <td className="py-1 pr-3">{problem.field || "—"}</td>
              <td className="py-1" dir="auto">
                {problem.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
