// Builds the public intake HTTP app from its dependencies; main.ts wires real ones, tests too.
// Nothing here needs a sign-in: staff work cases through the casework service. The JSON API
// (POST /complaints, /complaints/:ref/progress and /review, /openapi.json) comes first, the
// public pages (/, /complaint/…, /progress, /your-complaint) after it.
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
import { publicPages, type PublicPagesSettings } from './public-pages';
import { perMinuteLimits } from './rate-limit';

export interface IntakeAppDeps {
  db: Db;
  log: Logger;
  /** The key that seals the case token in stored idempotent responses (CASE_TOKEN_SEAL_SECRET). */
  caseTokenSealSecret: string;
  workflows: ComplaintWorkflows;
  /** Public POSTs per minute per client IP. */
  publicRateLimit: number;
  /**
   * Keys the hash of client addresses in the rate-limit table (main.ts: SESSION_SECRET). Instances
   * on one database with the same key share their limits; tests give each app its own.
   */
  rateLimitKey: string;
  /** Express 'trust proxy' (see intake-config.ts). */
  trustProxy?: boolean | number | string | string[];
  /** Woken after every accepted complaint. */
  outbox?: { nudge(): void };
  metrics?: Registry;
  /** How long the progress page waits for the workflow's review window. */
  progressStateTimeoutMs?: number;
  /** The public pages; without them the app serves the JSON API only. */
  pages?: Omit<PublicPagesSettings, 'rateLimit' | 'limits'>;
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

  const perMinuteLimit = perMinuteLimits(deps.db, deps.rateLimitKey, deps.log);
  const sealer = new TokenSealer(deps.caseTokenSealSecret);
  const store = createIntakeStore(deps.db, sealer);
  const onAccepted = () => deps.outbox?.nudge();
  const onResult = (path: string, outcome: string) => received?.inc({ path, outcome });
  const api = new Api({ onResponseDrift: (op, status, problem) => deps.log.error({ operationId: op.operationId, status, problem }, 'answer outside its documented schema') });
  complaintRoutes(api, {
    store,
    log: deps.log,
    publicLimiter: perMinuteLimit('public-complaints', deps.publicRateLimit),
    onAccepted,
    onResult,
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

  // The JSON API's own 404s stay JSON; its errors are answered by its error handler.
  app.use(['/complaints', '/openapi.json'], notFound);
  app.use(['/complaints', '/openapi.json'], errorHandler(deps.log));

  if (deps.pages) {
    app.use(
      publicPages({
        db: deps.db,
        log: deps.log,
        store,
        sealer,
        workflows: deps.workflows,
        settings: { ...deps.pages, rateLimit: deps.publicRateLimit, limits: perMinuteLimit },
        onAccepted,
        onResult: (path, outcome) => onResult(`${path}-pages`, outcome),
        stateTimeoutMs: deps.progressStateTimeoutMs,
      }),
    );
  }
  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
