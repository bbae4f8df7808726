/** Why a sign-in was refused, as the sign-in route reports it. */
export type SignInRefusal = { refused: "credentials" } | { refused: "throttled"; retryAfterSeconds: number };

function waitText(seconds: number): string {
  if (seconds >= 120) return `${Math.ceil(seconds / 60)} minutes`;
  const whole = Math.max(Math.ceil(seconds), 1);
  return whole === 1 ? "1 second" : `${whole} seconds`;
}

/** The sentence a person reads for a refused sign-in, on the sign-in page and in a tab that was signed out. */
export function signInRefusalMessage(refusal: SignInRefusal): string {
  if (refusal.refused === "credentials") return "That username and password do not match an account.";
  return `Too many failed sign-ins. Try again in ${waitText(refusal.retryAfterSeconds)}.`;
}
