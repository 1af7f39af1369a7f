// Signing a person in at Probity's local OpenID provider without a browser: the script fills in
// the provider's own sign-in page (person id + the local demo password) exactly as a person would,
// following every redirect. Used by `npm run token` and by the tests; never by the services.
import { CookieJar, redirectTarget } from './cookie-jar';

export class LocalSignInError extends Error {}

/**
 * Starts at `start` (an authorization URL, or a relying party's sign-in page that redirects to
 * one), signs in on the provider's page and follows redirects until one leaves for `until`.
 * Returns that final URL (e.g. the redirect URI with the code) and the jar (with any session
 * cookie the relying party set on the way).
 */
export async function walkSignIn(opts: {
  start: string | URL;
  until: (url: URL) => boolean;
  personId: string;
  password: string;
  jar?: CookieJar;
  maxSteps?: number;
}): Promise<{ final: URL; jar: CookieJar }> {
  const jar = opts.jar ?? new CookieJar();
  let url = new URL(opts.start);
  for (let step = 0; step < (opts.maxSteps ?? 15); step++) {
    if (opts.until(url)) return { final: url, jar };
    let res = await jar.fetch(url);
    const interaction = /^\/interaction\/([^/]+)$/.exec(url.pathname);
    if (interaction && res.status === 200) {
      // The provider's sign-in page: post the id-and-password form.
      await res.arrayBuffer();
      res = await jar.fetch(new URL(`/interaction/${interaction[1]}/login`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'password', personId: opts.personId, password: opts.password }),
      });
      if (res.status === 400) throw new LocalSignInError(`the provider refused to sign in ${opts.personId}`);
    }
    const next = redirectTarget(res, url);
    if (!next) {
      const text = await res.text();
      throw new LocalSignInError(`sign-in stopped at ${url.pathname} with ${res.status}: ${text.slice(0, 300)}`);
    }
    url = next;
  }
  throw new LocalSignInError('sign-in did not finish: too many redirects');
}

/** The local provider's command-line client (`npm run token`): native and public, so PKCE and a loopback redirect. */
export const LOCAL_CLI_CLIENT = { id: 'probity-cli', redirectUri: 'http://127.0.0.1/probity-cli/callback' } as const;
/** The password every person has at the local provider (OIDC_DEMO_PASSWORD overrides it there and here). */
export const DEFAULT_DEMO_PASSWORD = 'probity-demo';
export const demoPassword = (env: NodeJS.ProcessEnv = process.env) => env.OIDC_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;

export interface ProviderTokens {
  accessToken: string;
  idToken?: string;
  expiresIn?: number;
}

/**
 * An access token for a person from the local provider, through the command-line client's
 * authorization code flow with PKCE (the same flow a browser would walk).
 */
export async function tokenFromLocalProvider(opts: { issuer: string; personId: string; password?: string; scope?: string }): Promise<ProviderTokens> {
  const oidc = await import('openid-client');
  const issuer = new URL(opts.issuer);
  const insecure = issuer.protocol === 'http:';
  const config = await oidc.discovery(issuer, LOCAL_CLI_CLIENT.id, undefined, oidc.None(), insecure ? { execute: [oidc.allowInsecureRequests] } : {});
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const start = oidc.buildAuthorizationUrl(config, {
    redirect_uri: LOCAL_CLI_CLIENT.redirectUri,
    scope: opts.scope ?? 'openid casework',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const { final } = await walkSignIn({
    start,
    until: (u) => u.href.startsWith(LOCAL_CLI_CLIENT.redirectUri),
    personId: opts.personId,
    password: opts.password ?? demoPassword(),
  });
  const tokens = await oidc.authorizationCodeGrant(config, final, { pkceCodeVerifier: verifier, expectedState: state });
  return { accessToken: tokens.access_token, idToken: tokens.id_token, expiresIn: tokens.expires_in };
}
