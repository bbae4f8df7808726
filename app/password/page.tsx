import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { requireAccount } from "@/server/auth/current-account";

export const metadata: Metadata = { title: "Password" };

/** Changing one's own password. */
export default async function PasswordPage() {
  const account = await requireAccount();
  return (
    <section aria-labelledby="password-heading" className="space-y-6">
      <div className="space-y-2">
        <h1 id="password-heading" className="text-2xl font-semibold tracking-tight">
          Change your password
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Changing it signs you out everywhere else (other browsers and devices). Your API tokens keep working.
        </p>
      </div>
      <ChangePasswordForm username={account.username} />
    </section>
  );
}
