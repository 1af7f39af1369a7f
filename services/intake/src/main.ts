import express from 'express';
import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb } from '@probity/shared/db/client';
import { createKafka } from '@probity/shared/kafka';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { startOutboxRelay } from '@probity/shared/outbox/relay-service';
import { createServiceRuntime, runMain } from '@probity/shared/runtime/service';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { createIntakeApp } from './app';
import { loadIntakeConfig } from './intake-config';
import { intakeReadiness } from './readiness';

// Intake: the public front door for complaints. It accepts a complaint even while Kafka or
// Temporal is down: the case and its event are committed to Postgres, and the outbox relay
// publishes the event when Kafka answers again.
const log = createLogger('intake');

runMain(log, async () => {
  const config = loadConfig();
  const intake = loadIntakeConfig();
  const db = createDb(config.DATABASE_URL);
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-intake`, log);
  const temporal = lazyTemporal(() => connectTemporalClient(config));

  // The runtime's routes (/healthz, /readyz, /metrics) come first; the intake app, with its own
  // 404 and error handlers, is mounted behind them.
  const root = express();
  const runtime = createServiceRuntime({
    service: 'intake',
    port: config.INTAKE_PORT,
    host: config.BIND_HOST,
    log,
    app: root,
    readiness: intakeReadiness({ db, kafka, temporal }),
  });
  // Shutdown runs in reverse: stop the relay, then close Temporal, then Postgres.
  runtime.onShutdown('postgres', () => db.$disconnect());
  runtime.onShutdown('temporal', () => temporal.close());
  const relay = startOutboxRelay({ db, kafka, log, runtime });

  root.use(
    createIntakeApp({
      db,
      log,
      caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
      workflows: complaintWorkflows(temporal),
      publicRateLimit: intake.INTAKE_PUBLIC_RATE_LIMIT,
      rateLimitKey: config.SESSION_SECRET,
      trustProxy: intake.INTAKE_TRUST_PROXY,
      outbox: relay,
      metrics: runtime.metrics,
      pages: {
        forceName: config.FORCE_NAME,
        url: intake.INTAKE_URL ?? `http://127.0.0.1:${config.INTAKE_PORT}`,
        sessionSecret: config.SESSION_SECRET,
        exitUrl: intake.INTAKE_EXIT_URL,
      },
    }),
  );
  await runtime.listen();
});
