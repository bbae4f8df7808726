import { randomUUID } from "node:crypto";
import type { Store } from "../db/store";
import type { Account } from "./account-repository";
import { hashPassword, passwordProblem, unknownAccountHash, verifyPassword } from "./passwords";
import type { Role } from "./permissions";
import { countAttempt, countFailure, countSuccess, secondsUntilAllowed, throttleKeys } from "./sign-in-throttle";
import type { ThrottleKey } from "./sign-in-throttle";

/** A field of an account form and what is wrong with it. */
export type AccountProblem = { field: "username" | "password" | "current"; message: string };

/** The roles the owner gives members. */
export type MemberRole = Exclude<Role, "owner">;

/** A member role from a form; undefined when it is not one. */
export function asMemberRole(value: string): MemberRole | undefined {
  return value === "editor" || value === "viewer" ? value : undefined;
}

const usernameShape = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/** Usernames compare case-insensitively: stored and looked up lowercased. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

function newAccountProblems(username: string, password: string): AccountProblem[] {
  const problems: AccountProblem[] = [];
  if (!usernameShape.test(username)) {
    problems.push({
      field: "username",
      message: "Use 1 to 64 letters, digits or . _ @ - (starting with a letter or digit).",
    });
  }
  const passwordMessage = passwordProblem(password);
  if (passwordMessage) problems.push({ field: "password", message: passwordMessage });
  return problems;
}

export type CreateAccountResult = { account: Account } | { problems: AccountProblem[] };

/** Creates the owner on a fresh database; refuses once any account exists. */
export async function createOwner(store: Store, username: string, password: string): Promise<CreateAccountResult> {
  return createAccount(
    username,
    password,
    (account) => store.accounts.createOwner(account),
    "An owner already exists; sign in instead.",
  );
}

/** Adds an account beside the owner's (the caller checks that the owner asks). */
export async function addAccount(
  store: Store,
  username: string,
  password: string,
  role: MemberRole = "editor",
): Promise<CreateAccountResult> {
  return createAccount(
    username,
    password,
    (account) => store.accounts.create({ ...account, role }),
    "This username is taken.",
  );
}

async function createAccount(
  rawUsername: string,
  password: string,
  insert: (account: Omit<Account, "role">) => Promise<Account | undefined>,
  refusal: string,
): Promise<CreateAccountResult> {
  const username = normalizeUsername(rawUsername);
  const problems = newAccountProblems(username, password);
  if (problems.length > 0) return { problems };
  const account = await insert({
    id: randomUUID(),
    username,
    passwordHash: await hashPassword(password),
    createTime: new Date(),
  });
  if (!account) return { problems: [{ field: "username", message: refusal }] };
  console.info(`auth: account ${JSON.stringify(username)} created (${account.role})`);
  return { account };
}

export type SignInResult =
  { account: Account } | { refused: "credentials" } | { refused: "throttled"; retryAfterSeconds: number };

/**
 * Checks a username and password, slowed per account and client, per client, and per account
 * (see sign-in-throttle.ts). `address` is the client's (client-address.ts). Unknown usernames
 * cost the same time as wrong passwords and get the same answer. Logged, without the password.
 */
export async function signIn(
  store: Store,
  rawUsername: string,
  password: string,
  address: string,
): Promise<SignInResult> {
  const username = normalizeUsername(rawUsername);
  const keys = throttleKeys(username, address);
  const who = `${JSON.stringify(username.slice(0, 64))} from ${address}`;
  const wait = await secondsUntilAllowed(store, keys);
  if (wait > 0) {
    console.warn(`auth: sign-in refused for ${who}: throttled for ${wait} s`);
    return { refused: "throttled", retryAfterSeconds: wait };
  }
  await countAttempt(store, keys);
  const account = usernameShape.test(username) ? await store.accounts.findByUsername(username) : null;
  const matches = await verifyPassword(password.slice(0, 1024), account?.passwordHash ?? unknownAccountHash);
  if (!account || !matches) {
    await countFailure(store, keys);
    console.warn(`auth: sign-in failed for ${who}: ${account ? "wrong password" : "no such account"}`);
    return { refused: "credentials" };
  }
  await countSuccess(store, keys);
  console.info(`auth: signed in ${who}`);
  return { account };
}

/**
 * Changes one's own password: the current one is checked (counted against the account's
 * sign-in throttle, so a borrowed session cannot guess it faster than sign-in can), and every
 * other session of the account ends. `keepSession` is the id hash of the session asking.
 */
export async function changeOwnPassword(
  store: Store,
  account: Account,
  { current, next }: { current: string; next: string },
  keepSession: string,
): Promise<AccountProblem[]> {
  const keys: ThrottleKey[] = [`account:${account.username}`];
  const wait = await secondsUntilAllowed(store, keys);
  if (wait > 0) return [{ field: "current", message: `Too many wrong passwords. Try again in ${wait} s.` }];
  await countAttempt(store, keys);
  if (!(await verifyPassword(current.slice(0, 1024), account.passwordHash))) {
    await countFailure(store, keys);
    console.warn(`auth: password change refused for ${JSON.stringify(account.username)}: wrong current password`);
    return [{ field: "current", message: "This is not your current password." }];
  }
  await countSuccess(store, keys);
  return setPassword(store, account, next, keepSession);
}

/**
 * Sets a password: the owner's for a member (every session of theirs ends), or a person's own
 * after changeOwnPassword checked the current one (their other sessions end).
 */
export async function setPassword(
  store: Store,
  account: Pick<Account, "id" | "username">,
  password: string,
  keepSession?: string,
): Promise<AccountProblem[]> {
  const problem = passwordProblem(password);
  if (problem) return [{ field: "password", message: problem }];
  await store.accounts.setPassword(account.id, await hashPassword(password), keepSession);
  const ended = keepSession === undefined ? "its sessions ended" : "its other sessions ended";
  console.info(`auth: password of ${JSON.stringify(account.username)} changed, ${ended}`);
  return [];
}
