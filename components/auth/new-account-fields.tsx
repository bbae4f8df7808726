import type { AccountFormState } from "@/app/sign-in/actions";
import { InputField } from "../ui/form-field";

/**
 * The username and first password of a new account, as the server checks them. `own`: the person
 * is making their own account, so the browser may offer their username and the field takes focus.
 */
export function NewAccountFields({
  idPrefix,
  state,
  own,
}: {
  idPrefix: string;
  state: AccountFormState;
  own: boolean;
}) {
  return (
    <>
      <InputField
        id={`${idPrefix}-username`}
        label="Username"
        error={state.problems?.username}
        defaultValue={state.username}
        name="username"
        autoComplete={own ? "username" : "off"}
        required
        autoFocus={own}
      />
      <InputField
        id={`${idPrefix}-password`}
        label="Password (at least 12 characters)"
        error={state.problems?.password}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
      />
    </>
  );
}
