// Tests get their tokens from the tests' own OpenID provider (infra/oidc on OIDC_TEST_PORT, which
// `infra/probity test` starts and points OIDC_ISSUER at), by signing the person in on its page —
// never minted by hand. Tokens are cached per person for the test process (they last an hour).
import { loadConfig } from '../config';
import { tokenFromLocalProvider } from '../auth/local-provider-sign-in';
import type { ActorAuth } from '../auth/bearer';
import { verifierFromConfig } from '../auth/verifier-from-config';
import type { Db } from '../db/client';

const cache = new Map<string, Promise<string>>();

/** A provider-issued access token for a person in the tests' Person register. */
export function providerToken(personId: string): Promise<string> {
  let token = cache.get(personId);
  if (!token) {
    token = tokenFromLocalProvider({ issuer: loadConfig().OIDC_ISSUER, personId }).then((t) => t.accessToken);
    token.catch(() => cache.delete(personId));
    cache.set(personId, token);
  }
  return token;
}

export const bearerFor = async (personId: string) => ({ authorization: `Bearer ${await providerToken(personId)}` });

/** How the services under test check callers: the tests' provider and the given database. */
export const testAuth = (db: Db): ActorAuth => ({ verifier: verifierFromConfig(loadConfig()), db });
