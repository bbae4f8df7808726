import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { CreateOwnerForm } from "@/components/auth/create-owner-form";
import { Alert } from "@/components/ui/alert";
import { FormField, describedBy, inputClass } from "@/components/ui/form-field";
import { signInUsernameCookie } from "@/lib/session-cookie";
import { signInRefusalMessage } from "@/lib/sign-in-refusal";
import { currentAccount } from "@/server/auth/current-account";
import { returnPath } from "@/server/auth/return-path";
import { appStore } from "@/server/db/store";

export const metadata: Metadata = { title: "Sign in" };

type SignInProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function refusal(error: string | undefined, retry: string | undefined): string | undefined {
  if (error === "credentials") return signInRefusalMessage({ refused: "credentials" });
  if (error === "throttled") {
    const seconds = Number(retry);
    return signInRefusalMessage({ refused: "throttled", retryAfterSeconds: Number.isFinite(seconds) ? seconds : 1 });
  }
  return undefined;
}

/** The username typed before a refusal (kept by the sign-in route), so it need not be typed again. */
async function keptUsername(): Promise<string | undefined> {
  const value = (await cookies()).get(signInUsernameCookie)?.value;
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value).slice(0, 64);
  } catch {
    return undefined;
  }
}

/**
 * Sign-in, or on a fresh database the owner's creation. The sign-in form posts to
 * /api/auth/sign-in (see there why) and works without JavaScript.
 */
export default async function SignInPage({ searchParams }: SignInProps) {
  const params = await searchParams;
  const next = returnPath(first(params.next));
  if (await currentAccount()) redirect(next);

  if ((await appStore().accounts.count()) === 0) {
    return (
      <section aria-labelledby="owner-heading" className="mx-auto max-w-sm space-y-6">
        <div className="space-y-2">
          <h1 id="owner-heading" className="text-2xl font-semibold tracking-tight">
            Create the owner account
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No one has signed up yet. The owner signs in with this account and can add accounts for other people.
          </p>
        </div>
        <CreateOwnerForm next={next} />
      </section>
    );
  }

  const message = refusal(first(params.error), first(params.retry));
  const username = message ? await keptUsername() : undefined;
  return (
    <section aria-labelledby="sign-in-heading" className="mx-auto max-w-sm space-y-6">
      <h1 id="sign-in-heading" className="text-2xl font-semibold tracking-tight">
        Sign in
      </h1>
      {first(params["signed-out"]) && !message && <Alert tone="info">You are signed out.</Alert>}
      {message && (
        <Alert tone="error">
          <span id="sign-in-error">{message}</span>
        </Alert>
      )}
      <form method="post" action="/api/auth/sign-in" className="space-y-4">
        <input type="hidden" name="next" value={next} />
        <FormField id="sign-in-username" label="Username" error={undefined}>
          <input
            {...describedBy("sign-in-username", undefined)}
            aria-describedby={message ? "sign-in-error" : undefined}
            name="username"
            autoComplete="username"
            defaultValue={username}
            required
            autoFocus={!username}
            className={inputClass}
          />
        </FormField>
        <FormField id="sign-in-password" label="Password" error={undefined}>
          <input
            {...describedBy("sign-in-password", undefined)}
            aria-describedby={message ? "sign-in-error" : undefined}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            autoFocus={Boolean(username)}
            className={inputClass}
          />
        </FormField>
        <button
          type="submit"
          className="inline-flex h-10 items-center justify-center rounded-md bg-indigo-600 px-4 text-sm font-medium text-white shadow-xs hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Sign in
        </button>
      </form>
    </section>
  );
}
