// Verifies access tokens issued by the force's OpenID provider (locally infra/oidc). Server-only:
// workflows never import this (they get the Actor, not a token). A token is accepted only when
// it is signed with an asymmetric algorithm by a key in the provider's published JWKS, names our
// issuer and audience, has not expired, and was issued for at most an hour.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';

/** Asymmetric JWS algorithms only: a shared-secret (HS*) or unsigned token is never accepted. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** The longest lifetime (exp − iat) of an acceptable access token. */
export const MAX_TOKEN_LIFETIME_S = 60 * 60;

/** The token is not acceptable: the caller must sign in again (401). */
export class AuthError extends Error {}
/** The provider's keys cannot be had just now: not the caller's fault (503). */
export class AuthUnavailable extends Error {}

export interface VerifiedToken {
  /** The person's id in the Person register. */
  sub: string;
  payload: JWTPayload;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
}

export interface VerifierOptions {
  issuer: string;
  audience: string;
  /** Default: the provider's discovery document's jwks_uri. */
  jwksUri?: string;
  /** Allowed clock difference with the provider. */
  clockToleranceS?: number;
}

/** Finds the provider's JWKS address once (retrying after a failure), from discovery. */
function jwksLocator(opts: VerifierOptions): () => Promise<URL> {
  let found: Promise<URL> | undefined;
  return () => {
    found ??= (async () => {
      if (opts.jwksUri) return new URL(opts.jwksUri);
      const res = await fetch(new URL(`${opts.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`), { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`the OpenID provider's discovery document answered ${res.status}`);
      const meta = (await res.json()) as { issuer?: string; jwks_uri?: string };
      if (meta.issuer !== opts.issuer) throw new Error(`the OpenID provider says its issuer is ${meta.issuer}, not ${opts.issuer}`);
      if (!meta.jwks_uri) throw new Error('the OpenID provider publishes no jwks_uri');
      return new URL(meta.jwks_uri);
    })().catch((err: unknown) => {
      found = undefined;
      throw err;
    });
    return found;
  };
}

export function createAccessTokenVerifier(opts: VerifierOptions): AccessTokenVerifier {
  const locate = jwksLocator(opts);
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  return {
    async verify(token) {
      let keys: ReturnType<typeof createRemoteJWKSet>;
      try {
        keys = jwks ??= createRemoteJWKSet(await locate(), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
      } catch (err) {
        throw new AuthUnavailable(`cannot check sign-in tokens: ${(err as Error).message}`);
      }
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: opts.issuer,
          audience: opts.audience,
          algorithms: ACCEPTED_ALGORITHMS,
          requiredClaims: ['sub', 'exp', 'iat'],
          maxTokenAge: MAX_TOKEN_LIFETIME_S,
          clockTolerance: opts.clockToleranceS ?? 30,
        });
        if (payload.exp! - payload.iat! > MAX_TOKEN_LIFETIME_S) {
          throw new AuthError(`the token is issued for ${payload.exp! - payload.iat!} s; at most ${MAX_TOKEN_LIFETIME_S} s is accepted`);
        }
        return { sub: payload.sub!, payload };
      } catch (err) {
        if (err instanceof AuthError) throw err;
        if (err instanceof joseErrors.JWKSTimeout || !(err instanceof joseErrors.JOSEError)) {
          throw new AuthUnavailable(`cannot check sign-in tokens: ${(err as Error).message}`);
        }
        throw new AuthError(`invalid access token: ${err.message}`);
      }
    },
  };
}
