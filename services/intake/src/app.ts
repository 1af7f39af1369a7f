// Builds the intake HTTP app from its dependencies; main.ts wires real ones, tests too.
import express, { type Express, type RequestHandler } from 'express';
import { Counter, type Registry } from 'prom-client';
import type { ActorAuth } from '@probity/shared/auth/bearer';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { TokenSealer } from './case-token';
import { caseworkRoutes } from './casework';
import { complaintRoutes } from './complaints';
import { conductRoutes } from './conduct';
import type { ComplaintWorkflows } from './complaint-workflows';
import { errorHandler, notFound } from '@probity/shared/http/errors';
import { createIntakeStore } from './intake-store';
import { openApiDocument } from './openapi';
import { policyRoutes } from './policies';
import type { PolicyWorkflows } from './policies-workflows';
import { progressRoutes } from './progress';
import { perMinuteLimit } from './rate-limit';

export interface IntakeAppDeps {
  db: Db;
  log: Logger;
  /** Checks callers: the OpenID provider's access tokens and the Person register. */
  auth: ActorAuth;
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
  /** The policy register's review workflows (default: from the environment's config, see policies.ts). */
  policyWorkflows?: PolicyWorkflows;
}

/** Logs one line per request: method, route, status, duration. Never the query string (tokens). */
function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : '(unmatched)';
      log.info(
        { method: req.method, route, status: res.statusCode, ms: Number((process.hrtime.bigint() - started) / 1_000_000n) },
        'request',
      );
    });
    next();
  };
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
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });

  const document = openApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  app.use(
    complaintRoutes({
      store: createIntakeStore(deps.db, new TokenSealer(deps.caseTokenSealSecret)),
      log: deps.log,
      auth: deps.auth,
      publicLimiter: perMinuteLimit('public-complaints', deps.publicRateLimit),
      onAccepted: () => deps.outbox?.nudge(),
      onResult: (path, outcome) => received?.inc({ path, outcome }),
    }),
  );
  app.use(
    progressRoutes({
      db: deps.db,
      log: deps.log,
      workflows: deps.workflows,
      limiter: perMinuteLimit('public-progress', deps.publicRateLimit * 3),
      stateTimeoutMs: deps.progressStateTimeoutMs,
    }),
  );
  app.use(caseworkRoutes({ db: deps.db, log: deps.log, auth: deps.auth, workflows: deps.workflows }));
  app.use(conductRoutes(deps));
  app.use('/policies', policyRoutes(deps));

  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
