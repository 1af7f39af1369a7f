import express from 'express';
import { Counter, Gauge } from 'prom-client';
import { verifierFromConfig } from '@probity/shared/auth/verifier-from-config';
import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb } from '@probity/shared/db/client';
import { createKafka, connectProducer } from '@probity/shared/kafka';
import { createServiceRuntime, runMain } from '@probity/shared/runtime/service';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { createIntakeApp } from './app';
import { complaintWorkflows, lazyTemporal } from './complaint-workflows';
import { loadIntakeConfig } from './intake-config';
import { createOutboxRelay } from './outbox-relay';
import { ensurePolicyReviewCyclesInBackground, policyWorkflows } from './policies-workflows';
import { intakeReadiness } from './readiness';

// Intake: the HTTP front door for complaints. It accepts a complaint even while Kafka or Temporal
// is down: the case and its event are committed to Postgres, and the outbox relay publishes the
// event when Kafka answers again.
const log = createLogger('intake');

runMain(log, async () => {
  const config = loadConfig();
  const intake = loadIntakeConfig();
  const db = createDb(config.DATABASE_URL);
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-intake`, log);
  const temporal = lazyTemporal(() => connectTemporalClient(config));
  const policies = policyWorkflows(temporal, { taskQueue: config.TEMPORAL_TASK_QUEUE });

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

  const published = new Counter({ name: 'probity_outbox_published_total', help: 'Outbox events published to Kafka', registers: [runtime.metrics] });
  const failed = new Counter({ name: 'probity_outbox_publish_failures_total', help: 'Outbox events whose publish failed (retried)', registers: [runtime.metrics] });
  new Gauge({
    name: 'probity_outbox_pending',
    help: 'Outbox events not yet published',
    registers: [runtime.metrics],
    async collect() {
      this.set(await db.outboxEvent.count({ where: { publishedAt: null } }));
    },
  });

  const relay = createOutboxRelay({
    db,
    log,
    connectProducer: () => connectProducer(kafka),
    onPublished: (n) => published.inc(n),
    onFailed: (n) => failed.inc(n),
  });

  root.use(
    createIntakeApp({
      db,
      log,
      auth: { verifier: verifierFromConfig(config), db },
      caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
      workflows: complaintWorkflows(temporal),
      publicRateLimit: intake.INTAKE_PUBLIC_RATE_LIMIT,
      trustProxy: intake.INTAKE_TRUST_PROXY,
      outbox: relay,
      metrics: runtime.metrics,
      policyWorkflows: policies,
    }),
  );

  // Shutdown runs in reverse: stop the relay, then close Temporal, then Postgres.
  runtime.onShutdown('postgres', () => db.$disconnect());
  runtime.onShutdown('temporal', () => temporal.close());
  runtime.onShutdown('outbox-relay', () => relay.stop());
  relay.start();
  // Every policy in the register gets its review workflow (idempotent; retried while Temporal is down).
  const cycles = ensurePolicyReviewCyclesInBackground({ db, workflows: policies, log });
  runtime.onShutdown('policy-review-cycles', () => cycles.stop());
  await runtime.listen();
});
