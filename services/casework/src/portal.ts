// The casework portal: the pages staff work their cases in, behind OpenID Connect sign-in. Every
// page needs a signed-in, active person; every form carries a CSRF token; every page has the
// security headers and `Cache-Control: no-store` (they show personal data).
import express, { Router } from 'express';
import type { Config } from '@probity/shared/config';
import type { Db } from '@probity/shared/db/client';
import type { IntakeStore } from '@probity/shared/complaint/complaint-store';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import type { Logger } from '@probity/shared/log';
import { requireCsrf } from '@probity/shared/web/csrf';
import { pageErrorHandler, pageNotFound, pageRenderer } from '@probity/shared/web/pages';
import { securityHeaders } from '@probity/shared/web/security-headers';
import { caseworkSessions } from '@probity/shared/web/casework-sessions';
import { staticAssets } from '@probity/shared/web/static-assets';
import { createTemplates, sourceDir } from '@probity/shared/web/templates';
import { oidcConfiguration } from './auth/oidc-client';
import { signInRoutes } from './auth/sign-in';
import { requireStaff } from './auth/staff';
import { complaintPages } from './complaint/complaint-pages';
import { conductPages } from './conduct/conduct-pages';
import type { ConductWorkflows } from './conduct/conduct-workflows';
import { inboxPages } from './inbox/inbox-page';
import { notificationPages } from './notifications/notification-pages';
import { oversightPages } from './oversight/oversight-pages';
import { reallocationPages } from './oversight/reallocation-page';
import { suspensionPages } from './complaint/suspension-pages';
import { withdrawalPages } from './complaint/withdrawal-pages';
import { policyPages } from './policy/policy-pages';
import { statisticsPages } from './statistics/statistics-pages';
import { earlyInterventionPages } from './early-intervention/early-intervention-pages';
import { workforceHearingOutcomesPages } from './workforce/hearing-outcomes-pages';
import { lessonPages } from './lessons/lesson-pages';
import { earlyWithdrawalPages } from './publication/early-withdrawal-pages';
import type { PolicyWorkflows } from './policy/policy-workflows';

export type PortalConfig = Pick<
  Config,
  'CASEWORK_URL' | 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_SCOPE' | 'SESSION_SECRET' | 'FORCE_NAME' | 'TEMPORAL_UI_URL' | 'TEMPORAL_NAMESPACE'
>;

export interface PortalDeps {
  db: Db;
  log: Logger;
  config: PortalConfig;
  workflows: ComplaintWorkflows;
  conductWorkflows: ConductWorkflows;
  policyWorkflows: PolicyWorkflows;
  store: IntakeStore;
  onAccepted?: () => void;
}

export function portal(deps: PortalDeps): Router {
  const { db, log, config } = deps;
  // Found through the package, so compiled dist/casework/main.js finds them too.
  const templates = createTemplates([sourceDir('@probity/casework/portal', '../views')], {
    forceName: config.FORCE_NAME,
    serviceName: 'Professional Standards casework',
    serviceUrl: '/',
  });
  const render = pageRenderer(templates);
  const sessions = caseworkSessions(db, config);
  const temporal = { uiUrl: config.TEMPORAL_UI_URL, namespace: config.TEMPORAL_NAMESPACE };

  const router = Router();
  router.use('/assets', staticAssets());
  router.use(securityHeaders({ formTargets: [config.OIDC_ISSUER], hsts: config.CASEWORK_URL.startsWith('https:') }));
  router.use(sessions.load);
  router.use(signInRoutes({ db, log, sessions, render, settings: config, provider: oidcConfiguration(config) }));
  router.use(requireStaff({ db, sessions }));
  router.use(express.urlencoded({ extended: false, limit: '64kb' }));
  router.use(requireCsrf);
  router.use(inboxPages({ db, render }));
  router.use(complaintPages({ db, render, workflows: deps.workflows, store: deps.store, onAccepted: deps.onAccepted, temporal }));
  router.use(conductPages({ db, log, render, workflows: deps.conductWorkflows, onAccepted: deps.onAccepted, temporal }));
  router.use(oversightPages({ db, render }));
  router.use(statisticsPages({ db, render }));
  router.use(earlyInterventionPages({ db, render }));
  router.use(workforceHearingOutcomesPages({ db, render }));
  router.use(lessonPages({ db, render }));
  router.use(earlyWithdrawalPages({ db, render, workflows: deps.conductWorkflows }));
  router.use(reallocationPages({ db, render, complaints: deps.workflows, conduct: deps.conductWorkflows }));
  router.use(suspensionPages({ db, render, workflows: deps.workflows }));
  router.use(withdrawalPages({ db, render, workflows: deps.workflows }));
  router.use(policyPages({ db, render, workflows: deps.policyWorkflows }));
  router.use(notificationPages({ db, render }));
  router.use(pageNotFound(render));
  router.use(pageErrorHandler(render, log));
  return router;
}
