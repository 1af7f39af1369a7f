// Builds the public intake HTTP app from its dependencies; main.ts wires real ones, tests too.
// Nothing here needs a sign-in: staff work cases through the casework service.
import express, { type Express, type RequestHandler } from 'express';
import { Counter, type Registry } from 'prom-client';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { TokenSealer } from '@probity/shared/complaint/case-token';
import { createIntakeStore } from '@probity/shared/complaint/complaint-store';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { errorHandler, notFound } from '@probity/shared/http/errors';
import { requestLog } from '@probity/shared/http/request-log';
import { Api } from '@probity/shared/http/api';
import { serveOpenApi } from '@probity/shared/http/openapi';
import { complaintRoutes } from './complaint/complaint-routes';
import { progressRoutes } from './complaint/progress-routes';
import { INTAKE_DOCUMENT } from './openapi';
import { perMinuteLimit } from './rate-limit';

export interface IntakeAppDeps {
  db: Db;
  log: Logger;
  /** The key that seals the case token in stored idempotent responses (CASE_TOKEN_SEAL_SECRET). */
  caseTokenSealSecret: string;
  workflows: ComplaintWorkflows;
  /** Public POSTs per minute per client IP. */
  publicRateLimit: number;
  /** Express 'trust proxy' (see intake-config.ts). */
  trustProxy?: boolean | number | string;
  /** Woken after every accepted complaint. */
  outbox?: { nudge(): void };
  metrics?: Registry;
  /** How long the progress page waits for the workflow's review window. */
  progressStateTimeoutMs?: number;
}

export function createIntakeApp(deps: IntakeAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);

  const received = deps.metrics
    ? new Counter({
        name: 'probity_intake_complaints_total',
        help: 'Complaint POSTs answered, by path and outcome (created, replayed, key-reused)',
        labelNames: ['path', 'outcome'] as const,
        registers: [deps.metrics],
      })
    : undefined;

  app.use(requestLog(deps.log));
  const nosniff: RequestHandler = (_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  };
  app.use(nosniff);

  const api = new Api({ onResponseDrift: (op, status, problem) => deps.log.error({ operationId: op.operationId, status, problem }, 'answer outside its documented schema') });
  complaintRoutes(api, {
    store: createIntakeStore(deps.db, new TokenSealer(deps.caseTokenSealSecret)),
    log: deps.log,
    publicLimiter: perMinuteLimit('public-complaints', deps.publicRateLimit),
    onAccepted: () => deps.outbox?.nudge(),
    onResult: (path, outcome) => received?.inc({ path, outcome }),
  });
  progressRoutes(api, {
    db: deps.db,
    log: deps.log,
    workflows: deps.workflows,
    limiter: perMinuteLimit('public-progress', deps.publicRateLimit * 3),
    stateTimeoutMs: deps.progressStateTimeoutMs,
  });
  serveOpenApi(api, INTAKE_DOCUMENT);
  app.use(api.router());

  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
