// Staff sign-in with OpenID Connect: authorization code + PKCE against the force's provider.
//   GET  /sign-in        starts it (remembers where to return to)
//   GET  /auth/callback  the provider sends the person back here with a code
//   POST /sign-out       ends the portal session, then the provider's (RP-initiated logout)
//   GET  /signed-out     where the provider sends them afterwards
// A new session is started at sign-in (never the pre-sign-in one), and the person must be active
// in the Person register.
import express, { Router } from 'express';
import * as oidc from 'openid-client';
import type { Db } from '@probity/shared/db/client';
import { actorForPerson, UnknownPersonError } from '@probity/shared/auth/people';
import type { Logger } from '@probity/shared/log';
import { requireCsrf } from '@probity/shared/web/csrf';
import type { Render } from '@probity/shared/web/pages';
import { sessionOf, type Sessions } from '@probity/shared/web/session';
import type { OidcSettings } from './oidc-client';

/** Only a path on this site may be returned to after sign-in (no open redirect). */
export const safeReturnTo = (value: unknown): string =>
  typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) && !value.startsWith('/auth/') ? value : '/';

export function signInRoutes(deps: {
  db: Db;
  log: Logger;
  sessions: Sessions;
  render: Render;
  settings: OidcSettings;
  provider: () => Promise<oidc.Configuration>;
}): Router {
  const { sessions, render, settings } = deps;
  const router = Router();
  const callbackUrl = `${settings.CASEWORK_URL}/auth/callback`;
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const unavailable = (res: express.Response) =>
    render(res, 'error.njk', { title: 'Sign-in is not available just now', lines: ['The sign-in service did not answer. Try again in a few minutes.'] }, 503);

  router.get('/sign-in', async (req, res) => {
    let config: oidc.Configuration;
    try {
      config = await deps.provider();
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'OpenID provider unavailable');
      return unavailable(res);
    }
    const verifier = oidc.randomPKCECodeVerifier();
    const signIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, returnTo: safeReturnTo(req.query.returnTo) };
    await sessions.start(res, null, { signIn });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl,
      scope: settings.OIDC_SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: signIn.state,
      nonce: signIn.nonce,
    });
    res.redirect(303, url.href);
  });

  router.get('/auth/callback', async (req, res) => {
    const pending = sessionOf(res)?.data.signIn;
    if (!pending) return res.redirect(303, '/sign-in');
    let sub: string;
    let idToken: string | undefined;
    try {
      const config = await deps.provider();
      const tokens = await oidc.authorizationCodeGrant(config, new URL(req.originalUrl, settings.CASEWORK_URL), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      sub = tokens.claims()!.sub;
      idToken = tokens.id_token;
    } catch (err) {
      deps.log.info({ err: (err as Error).message }, 'sign-in callback refused');
      await sessions.end(res, sessionOf(res));
      return render(res, 'error.njk', { title: 'You could not be signed in', lines: ['The sign-in was interrupted or had expired.'], signInAgain: true }, 400);
    }
    try {
      await actorForPerson(deps.db, sub);
    } catch (err) {
      if (!(err instanceof UnknownPersonError)) throw err;
      deps.log.info({ sub }, 'sign-in refused: not an active person');
      await sessions.end(res, sessionOf(res));
      return render(res, 'error.njk', { title: 'You cannot use this service', lines: ['Your account is not an active member of staff in the register. Ask your manager or the Professional Standards Department.'] }, 403);
    }
    await sessions.start(res, sub, idToken ? { idToken } : {});
    deps.log.info({ personId: sub }, 'signed in');
    res.redirect(303, pending.returnTo);
  });

  router.post('/sign-out', form, requireCsrf, async (_req, res) => {
    const session = sessionOf(res);
    const idToken = session?.data.idToken;
    await sessions.end(res, session);
    deps.log.info({ personId: session?.personId }, 'signed out');
    try {
      const config = await deps.provider();
      if (config.serverMetadata().end_session_endpoint) {
        const url = oidc.buildEndSessionUrl(config, {
          post_logout_redirect_uri: `${settings.CASEWORK_URL}/signed-out`,
          ...(idToken ? { id_token_hint: idToken } : {}),
        });
        return res.redirect(303, url.href);
      }
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'could not end the provider session');
    }
    res.redirect(303, '/signed-out');
  });

  router.get('/signed-out', (_req, res) => {
    render(res, 'signed-out.njk', { title: 'You have signed out' });
  });

  return router;
}
