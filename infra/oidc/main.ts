// The local OpenID provider: `npm start` runs it for the system, `npm test` runs its own instance
// (OIDC_TEST_PORT, the tests' database). Issuer http://127.0.0.1:$OIDC_PORT; JWKS at /jwks;
// discovery at /.well-known/openid-configuration.
import express from 'express';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { fileURLToPath } from 'node:url';
import { createDb } from '@probity/shared/db/client';
import { createLogger } from '@probity/shared/log';
import { securityHeaders } from '@probity/shared/web/security-headers';
import { staticAssets } from '@probity/shared/web/static-assets';
import { createTemplates } from '@probity/shared/web/templates';
import { loadOrCreateKeys } from './keys';
import { createProvider } from './provider';
import { loadProviderSettings } from './settings';
import { signInRoutes } from './sign-in-page';

const log = createLogger('oidc');

async function main() {
  const settings = loadProviderSettings();
  const keys = await loadOrCreateKeys(settings.keyDir);
  const db = createDb(settings.databaseUrl);
  const templates = createTemplates([fileURLToPath(new URL('./views', import.meta.url))], {
    forceName: settings.forceName,
    serviceName: 'Sign in',
    serviceUrl: settings.caseworkUrls[0] ?? '/',
  });
  const nonceOf = (ctx: KoaContextWithOIDC) => (ctx.res as unknown as { locals?: { cspNonce?: string } }).locals?.cspNonce;
  const provider = createProvider(settings, keys, db, {
    logout: (ctx, form) => templates.render('sign-out.njk', { cspNonce: nonceOf(ctx), title: 'Sign out', form, clientName: ctx.oidc.client?.clientName ?? 'Probity' }),
    signedOut: (ctx) => templates.render('signed-out.njk', { cspNonce: nonceOf(ctx), title: 'Signed out' }),
    error: (ctx, out) => {
      log.info({ error: out.error }, 'sign-in error shown');
      return templates.render('provider-error.njk', { cspNonce: nonceOf(ctx), title: 'Sign-in problem', description: out.error_description ?? out.error });
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'oidc' });
  });
  app.use('/assets', staticAssets());
  app.use(securityHeaders({ formTargets: settings.caseworkUrls }));
  app.use(signInRoutes({ provider, db, templates, demoPassword: settings.demoPassword, log }));
  app.use(provider.callback());

  const server = app.listen(settings.port, settings.host, () => log.info({ issuer: settings.issuer, port: settings.port }, 'listening'));
  const stop = () => {
    server.close(() => {
      void db.$disconnect().finally(() => process.exit(0));
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  log.fatal({ err: (err as Error).message, stack: (err as Error).stack }, 'failed to start');
  process.exit(1);
});
