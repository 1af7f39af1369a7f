// The public pages: no sign-in. A member of the public makes a complaint through GOV.UK question
// pages, follows its progress with their reference and case token, and asks for a review. Every
// page has "Exit this page", the security headers and `Cache-Control: no-store`; every form a
// CSRF token from the server-side session; everything works with JavaScript off.
import express, { Router, type RequestHandler } from 'express';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import type { TokenSealer } from '@probity/shared/complaint/case-token';
import type { ReceiptHooks } from '@probity/shared/complaint/complaint-receipt';
import type { IntakeStore } from '@probity/shared/complaint/complaint-store';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { BODY_LIMIT } from '@probity/shared/http/errors';
import { requireCsrf } from '@probity/shared/web/csrf';
import { pageErrorHandler, pageNotFound, pageRenderer, type Render } from '@probity/shared/web/pages';
import { securityHeaders } from '@probity/shared/web/security-headers';
import { sessionOf } from '@probity/shared/web/session';
import { staticAssets } from '@probity/shared/web/static-assets';
import { createTemplates, sourceDir } from '@probity/shared/web/templates';
import { allegationChoiceText } from './complaint/allegation-choices';
import { complaintJourney } from './complaint/complaint-journey';
import { progressLookupPages, yourComplaintPages } from './complaint/progress-pages';
import { hearingOutcomesPage } from './publication/hearing-outcomes-page';
import { ensureSession, publicSessions } from './public-session';
import type { PerMinuteLimit } from './rate-limit';

export const PUBLIC_SERVICE_NAME = 'Complaints about the police';

export interface PublicPagesSettings {
  forceName: string;
  /** Where the public reach these pages (decides Secure cookies and HSTS). */
  url: string;
  sessionSecret: string;
  /** Where "Exit this page" takes them (after the session is ended). */
  exitUrl: string;
  /** Sends (complaints) per minute per IP; typing a reference and token gets three times as many. */
  rateLimit: number;
  /** Where the limits count (shared with the JSON API's). */
  limits: PerMinuteLimit;
}

export interface PublicPagesDeps extends Pick<ReceiptHooks, 'onAccepted' | 'onResult'> {
  db: Db;
  log: Logger;
  store: IntakeStore;
  sealer: TokenSealer;
  workflows: ComplaintWorkflows;
  settings: PublicPagesSettings;
  stateTimeoutMs?: number;
}

export function publicPages(deps: PublicPagesDeps): Router {
  const { db, log, settings } = deps;
  const templates = createTemplates([sourceDir('@probity/intake/app', '../views')], {
    forceName: settings.forceName,
    serviceName: PUBLIC_SERVICE_NAME,
    serviceUrl: '/',
  });
  // The shared error and "page not found" pages wear the public layout here.
  templates.addGlobal('pageLayout', 'public-layout.njk');
  templates.addFilter('allegationText', allegationChoiceText);
  const render = pageRenderer(templates);
  const sessions = publicSessions(db, { url: settings.url, secret: settings.sessionSecret });
  const limited = (name: string, perMinute: number) => settings.limits(name, perMinute, { onLimited: (res) => tooMany(render, res), onUnavailable: (res) => unavailable(render, res) });

  const router = Router();
  router.use('/assets', staticAssets());
  router.use(securityHeaders({ hsts: settings.url.startsWith('https:') }));
  router.use(sessions.load);

  router.get('/', (_req, res) => render(res, 'start.njk', { title: 'Make a complaint about the police' }));
  // "Exit this page": the session (answers, an opened complaint) ends before they leave.
  router.get('/exit', async (_req, res) => {
    await sessions.end(res, sessionOf(res));
    res.redirect(303, settings.exitUrl);
  });

  const forms: RequestHandler[] = [
    limited('public-pages', settings.rateLimit * 10),
    ensureSession(db, sessions),
    express.urlencoded({ extended: false, limit: BODY_LIMIT }),
    requireCsrf,
  ];
  router.use(
    '/complaint',
    ...forms,
    complaintJourney({ render, sessions, store: deps.store, sealer: deps.sealer, log, onAccepted: deps.onAccepted, onResult: deps.onResult, sendLimiter: limited('public-form-send', settings.rateLimit) }),
  );
  const progress = { db, log, render, sessions, workflows: deps.workflows, stateTimeoutMs: deps.stateTimeoutMs, lookupLimiter: limited('public-progress', settings.rateLimit * 3) };
  router.use('/progress', ...forms, progressLookupPages(progress));
  router.use('/your-complaint', ...forms, yourComplaintPages(progress));
  // Read-only and public: no session, no form.
  router.use(hearingOutcomesPage({ db, render }));

  router.use(pageNotFound(render));
  router.use(pageErrorHandler(render, log));
  return router;
}

function tooMany(render: Render, res: express.Response): void {
  render(res, 'error.njk', { title: 'You have sent too many requests', lines: ['Wait a minute, then try again.'] }, 429);
}

function unavailable(render: Render, res: express.Response): void {
  render(res, 'error.njk', { title: 'Sorry, the service is unavailable', lines: ['Try again in a few minutes. Nothing you sent has been lost if you were told it was saved.'] }, 503);
}
