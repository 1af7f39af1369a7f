// Builds the casework HTTP app (staff only) from its dependencies; main.ts wires real ones, tests
// too. The JSON API lives under /api (provider-issued bearer tokens); the portal's pages beside it
// (signed-in staff sessions).
import express, { Router, type Express } from 'express';
import type { Registry } from 'prom-client';
import type { ActorAuth } from '@probity/shared/auth/bearer';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { TokenSealer } from '@probity/shared/complaint/case-token';
import { createIntakeStore } from '@probity/shared/complaint/complaint-store';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { errorHandler, notFound } from '@probity/shared/http/errors';
import { requestLog } from '@probity/shared/http/request-log';
import { Api } from '@probity/shared/http/api';
import { serveOpenApi } from '@probity/shared/http/openapi';
import { caseApiRoutes } from './complaint/case-api';
import { suspensionApiRoutes } from './complaint/suspension-api';
import { withdrawalApiRoutes } from './complaint/withdrawal-api';
import { firstContactRoutes } from './complaint/first-contact-api';
import { conductRoutes } from './conduct/conduct-api';
import { conductWorkflows, type ConductWorkflows } from './conduct/conduct-workflows';
import { inboxApiRoutes } from './inbox/inbox-api';
import { CASEWORK_DOCUMENT } from './openapi';
import { policyRoutes } from './policy/policy-api';
import { policyWorkflows, type PolicyWorkflows } from './policy/policy-workflows';
import { portal, type PortalConfig } from './portal';
import { statisticsApiRoutes } from './statistics/statistics-api';
import { earlyInterventionApiRoutes } from './early-intervention/early-intervention-api';
import { lessonApiRoutes } from './lessons/lesson-api';
import { earlyWithdrawalApiRoutes } from './publication/early-withdrawal-api';
import { loadConfig } from '@probity/shared/config';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';

export interface CaseworkAppDeps {
  db: Db;
  log: Logger;
  /** Checks callers of the JSON API: the OpenID provider's access tokens and the Person register. */
  auth: ActorAuth;
  /** Seals the case token of complaints taken at first contact in stored idempotent responses. */
  caseTokenSealSecret: string;
  workflows: ComplaintWorkflows;
  conductWorkflows?: ConductWorkflows;
  policyWorkflows?: PolicyWorkflows;
  /** Woken after every case this service records (first contact, conduct matters). */
  outbox?: { nudge(): void };
  metrics?: Registry;
  /** The portal's pages (sign-in, sessions, branding); without it the app serves the JSON API only. */
  portal?: PortalConfig;
}

/** The JSON API, mounted at /api. */
export function caseworkApi(deps: CaseworkAppDeps): Router {
  const api = new Api({ onResponseDrift: (op, status, problem) => deps.log.error({ operationId: op.operationId, status, problem }, 'answer outside its documented schema') });
  inboxApiRoutes(api, deps);
  caseApiRoutes(api, deps);
  suspensionApiRoutes(api, deps);
  withdrawalApiRoutes(api, deps);
  firstContactRoutes(api, {
    store: createIntakeStore(deps.db, new TokenSealer(deps.caseTokenSealSecret)),
    log: deps.log,
    auth: deps.auth,
    onAccepted: () => deps.outbox?.nudge(),
  });
  conductRoutes(api, deps);
  policyRoutes(api, deps);
  statisticsApiRoutes(api, deps);
  earlyInterventionApiRoutes(api, deps);
  lessonApiRoutes(api, deps);
  earlyWithdrawalApiRoutes(api, deps);
  serveOpenApi(api, CASEWORK_DOCUMENT);
  const router = Router();
  router.use(api.router());
  router.use(notFound);
  router.use(errorHandler(deps.log));
  return router;
}

export function createCaseworkApp(deps: CaseworkAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(deps.log));
  app.use('/api', (_req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
    next();
  });
  app.use('/api', caseworkApi(deps));
  if (deps.portal) {
    const conduct = deps.conductWorkflows ?? conductWorkflows(lazyTemporal(() => connectTemporalClient(loadConfig())));
    const policies = deps.policyWorkflows ?? policyWorkflows(lazyTemporal(() => connectTemporalClient(loadConfig())), { taskQueue: loadConfig().TEMPORAL_TASK_QUEUE });
    app.use(
      portal({
        db: deps.db,
        log: deps.log,
        config: deps.portal,
        workflows: deps.workflows,
        conductWorkflows: conduct,
        policyWorkflows: policies,
        store: createIntakeStore(deps.db, new TokenSealer(deps.caseTokenSealSecret)),
        onAccepted: () => deps.outbox?.nudge(),
      }),
    );
  }
  return app;
}
