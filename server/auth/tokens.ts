import { errors, jwtVerify, SignJWT } from "jose";

/** Why a presented credential was refused: the UNAUTHENTICATED message callers see. */
export type CredentialFailure = "token not found" | "token expired" | "token invalid" | "token revoked";

/** A credential was missing or refused; `reason` is safe to show the caller. */
export class CredentialRefused extends Error {
  override readonly name = "CredentialRefused";
  constructor(readonly reason: CredentialFailure) {
    super(reason);
  }
}

/** What an API token says once its signature and expiry have been checked. */
export type TokenClaims = { subject: string; tokenId: string; expires: Date };

/** Signs an HS256 JWT with `sub`, `jti` (the stored token's id, for revocation), `iat` and `exp`. */
export function signToken(secret: Uint8Array, claims: TokenClaims): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.subject)
    .setJti(claims.tokenId)
    .setIssuedAt()
    .setExpirationTime(claims.expires)
    .sign(secret);
}

/**
 * Checks signature (HS256 only, so no `alg: none` or key-confusion tricks), then expiry.
 * @throws {CredentialRefused} "token expired" or "token invalid".
 */
export async function verifyToken(secret: Uint8Array, token: string): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ["HS256"],
      requiredClaims: ["sub", "jti", "exp"],
    });
    return { subject: payload.sub!, tokenId: payload.jti!, expires: new Date(payload.exp! * 1000) };
  } catch (error) {
    // jose checks the signature before the claims, so "expired" is only said of our own tokens.
    if (error instanceof errors.JWTExpired) throw new CredentialRefused("token expired");
    if (error instanceof errors.JOSEError) throw new CredentialRefused("token invalid");
    throw error;
  }
}
