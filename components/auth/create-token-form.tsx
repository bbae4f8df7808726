"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { createTokenAction } from "@/app/tokens/actions";
import type { CreateTokenState } from "@/app/tokens/actions";
import { Alert } from "../ui/alert";
import { FormField, describedBy, inputClass } from "../ui/form-field";
import { SubmitButton } from "./submit-button";

const lifetimes = [
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "366d", label: "1 year" },
];

/**
 * Names and creates a token, then shows it once with a copy button, until the token is revoked
 * (`liveTokenIds`: the person's tokens still live, as the page last rendered them). A viewer's
 * tokens can only read.
 */
export function CreateTokenForm({ liveTokenIds, readOnly }: { liveTokenIds: string[]; readOnly: boolean }) {
  const [state, action] = useActionState<CreateTokenState, FormData>(createTokenAction, {});
  const [copiedToken, setCopiedToken] = useState<string>();
  const shown = useRef<HTMLDivElement>(null);

  const showToken = state.token !== undefined && state.id !== undefined && liveTokenIds.includes(state.id);

  useEffect(() => {
    // Focus moves to the new token, so keyboard and screen-reader users land on it.
    if (state.token) shown.current?.focus();
  }, [state.token]);

  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-end gap-3">
        <FormField id="token-name" label="Token name" error={state.problem} className="min-w-48 flex-1">
          <input
            {...describedBy("token-name", state.problem)}
            name="name"
            defaultValue={state.token ? "" : state.name}
            required
            maxLength={100}
            placeholder="for example: nightly export"
            className={inputClass}
          />
        </FormField>
        <FormField id="token-scope" label="Scope" error={undefined}>
          <select id="token-scope" name="scope" defaultValue={readOnly ? "read" : "write"} className={inputClass}>
            {!readOnly && <option value="write">Read and write</option>}
            <option value="read">Read only</option>
          </select>
        </FormField>
        <FormField id="token-ttl" label="Expires after" error={undefined}>
          <select id="token-ttl" name="ttl" defaultValue="30d" className={inputClass}>
            {lifetimes.map((lifetime) => (
              <option key={lifetime.value} value={lifetime.value}>
                {lifetime.label}
              </option>
            ))}
          </select>
        </FormField>
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
      {showToken && (
        <div ref={shown} tabIndex={-1} className="space-y-2 outline-none">
          <Alert tone="success">
            <p className="font-medium">Token “{state.name}” created. Copy it now: it is not shown again.</p>
            <p className="mt-2">
              <code aria-label="New API token" className="block font-mono text-xs break-all select-all">
                {state.token}
              </code>
            </p>
            <button
              type="button"
              onClick={() => {
                const token = state.token ?? "";
                void navigator.clipboard?.writeText(token).then(() => setCopiedToken(token));
              }}
              className="mt-2 rounded-md border border-current px-2 py-1 text-xs font-medium"
            >
              {copiedToken === state.token ? "Copied" : "Copy token"}
            </button>
            {state.duplicate && (
              <p className="mt-2">
                Another live token of yours is also named “{state.name}”: revoke the old one if this one replaces it, so
                the list stays clear.
              </p>
            )}
          </Alert>
        </div>
      )}
    </div>
  );
}
