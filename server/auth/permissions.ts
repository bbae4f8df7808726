import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import type { DescMethod } from "@bufbuild/protobuf";
import type { Caller } from "../observability/request-context";

/** What an account may do: the owner also manages accounts; an editor writes orders; a viewer only reads. */
export type Role = "owner" | "editor" | "viewer";
export const roles: readonly Role[] = ["owner", "editor", "viewer"];
/** What a token may do, within its account's role: `write` includes reading. */
export type TokenScope = "read" | "write";
export const tokenScopes: readonly TokenScope[] = ["read", "write"];

/** A role as stored; anything unknown gets the least access. */
export function asRole(value: string): Role {
  return roles.includes(value as Role) ? (value as Role) : "viewer";
}

/** A token's scope as stored; anything unknown gets the least access. */
export function asScope(value: string): TokenScope {
  return value === "write" ? "write" : "read";
}

/**
 * Whether a method reads or writes, from the contract: NO_SIDE_EFFECTS (which also lets Connect
 * serve it as GET) reads; everything else writes. CheckStatusOrder is IDEMPOTENT, and stores an
 * answer: a write. The one classification; a batch method needs nothing more than its option.
 */
export function accessOf(method: DescMethod): "read" | "write" {
  return method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS ? "read" : "write";
}

/** A write by a caller whose role or token scope allows only reading: PERMISSION_DENIED. */
export class WriteNotAllowed extends Error {
  // By name, as the order errors are: Next's bundles each have their own copy of this class.
  static [Symbol.hasInstance] = (value: unknown) => value instanceof Error && value.name === "WriteNotAllowed";
  override readonly name = "WriteNotAllowed";
  constructor(
    /** ErrorInfo.reason: which of the two stands in the way. */
    readonly reason: "ROLE_READ_ONLY" | "TOKEN_SCOPE_READ_ONLY",
    readonly method: string,
  ) {
    super(
      reason === "ROLE_READ_ONLY"
        ? "Your account is a viewer: it can read orders but not change them. The owner can change its role."
        : "This token's scope is read: it can read orders but not change them. Use a token with the write scope.",
    );
  }
}

/** Whether the caller may make a call with this access; the refusal when not. */
export function refusalOf(caller: Caller, method: DescMethod): WriteNotAllowed | undefined {
  if (accessOf(method) === "read") return undefined;
  const procedure = `${method.parent.typeName}/${method.name}`;
  if (caller.role === "viewer") return new WriteNotAllowed("ROLE_READ_ONLY", procedure);
  if (caller.via === "token" && caller.scope === "read") return new WriteNotAllowed("TOKEN_SCOPE_READ_ONLY", procedure);
  return undefined;
}
