// The provider's own sign-in page: choose a demo person, or type a person's id and the local demo
// password. The local provider never runs in production (settings.ts refuses), so choosing a person
// without a password is a convenience of the demo, not a hole.
import express, { Router, type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import type nunjucks from 'nunjucks';
import { timingSafeEqual } from 'node:crypto';
import type { Db } from '@probity/shared/db/client';
import { DEMO_PEOPLE } from '@probity/shared/db/demo-people';
import type { Logger } from '@probity/shared/log';
import { humanise } from '@probity/shared/web/format';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

interface LoginErrors {
  summary: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
}

export function signInRoutes(deps: { provider: Provider; db: Db; templates: nunjucks.Environment; demoPassword: string; log: Logger }): Router {
  const { provider, db, templates } = deps;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  const demoPeople = async () => {
    const active = await db.person.findMany({ where: { id: { in: DEMO_PEOPLE.map((p) => p.id) }, active: true }, select: { id: true } });
    const ids = new Set(active.map((p) => p.id));
    return DEMO_PEOPLE.filter((p) => ids.has(p.id));
  };

  const render = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const details = await provider.interactionDetails(req, res);
    const client = await provider.Client.find(String(details.params.client_id));
    res.status(status).send(
      templates.render('sign-in.njk', {
        cspNonce: res.locals.cspNonce,
        title: 'Sign in',
        uid: details.uid,
        clientName: client?.clientName ?? 'Probity',
        personItems: (await demoPeople()).map((p) => ({ value: p.id, text: p.name, hint: { text: `${humanise(p.role)} · ${p.id}` } })),
        ...extra,
      }),
    );
  };

  router.get('/interaction/:uid', async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') {
      // Probity's clients are the force's own: consent is implied, never asked.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error('the grant being extended has gone');
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
    }
    await render(req, res, 200);
  });

  router.post('/interaction/:uid/login', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const errors: LoginErrors = { summary: [], fields: {} };
    const fail = (field: string, text: string) => {
      errors.summary.push({ text, href: `#${field}` });
      errors.fields[field] = { text };
    };
    let accountId: string | undefined;
    if (body.method === 'choose') {
      const chosen = (await demoPeople()).find((p) => p.id === body.person);
      if (chosen) accountId = chosen.id;
      else fail('person', 'Choose who you are signing in as');
    } else {
      const personId = (body.personId ?? '').trim();
      const password = body.password ?? '';
      if (!personId) fail('personId', 'Enter your person id');
      if (!password) fail('password', 'Enter your password');
      if (personId && password) {
        const person = await db.person.findUnique({ where: { id: personId }, select: { id: true, active: true } });
        // One answer for an unknown id, a deactivated person and a wrong password.
        if (person?.active && same(password, deps.demoPassword)) accountId = person.id;
        else fail('personId', 'The person id or password is not right, or that person can no longer sign in');
      }
    }
    if (!accountId) {
      deps.log.info({ method: body.method === 'choose' ? 'choose' : 'password' }, 'sign-in refused');
      return render(req, res, 400, { errors, values: { personId: body.personId ?? '' }, method: body.method });
    }
    deps.log.info({ accountId }, 'signed in');
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  });

  router.get('/interaction/:uid/abort', async (req, res) => {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'sign-in was cancelled' }, { mergeWithLastSubmission: false });
  });

  return router;
}
