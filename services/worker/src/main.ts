import { Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb } from '@probity/shared/db/client';
import { createKafka, connectProducer } from '@probity/shared/kafka';
import { connectTemporalClient, connectWorkerConnection, temporalReady } from '@probity/shared/temporal/connect';
import { dataConverter, payloadKeyring } from '@probity/shared/temporal/codec';
import { createServiceRuntime, runMain } from '@probity/shared/runtime/service';
import { dbReady, kafkaReady } from '@probity/shared/runtime/deps';
import express from 'express';
import { codecRouter } from '@probity/shared/temporal/codec-server';
import { codecCaller } from '@probity/shared/temporal/codec-caller';
import { codecCaseAccess } from '@probity/shared/temporal/codec-case-access';
import { caseworkSessions } from '@probity/shared/web/casework-sessions';
import { verifierFromConfig } from '@probity/shared/auth/verifier-from-config';
import { createActivities } from '@probity/activities/index';
import { ensurePublicationWorkflows } from '@probity/activities/publication';
import { fileURLToPath } from 'node:url';
import { loadWorkerConfig, workflowSource } from './worker-config';
import { ensureRetentionSchedule } from './retention-schedule';

// Worker: runs the case workflows (workflows/) and the activities they call (activities/).
const log = createLogger('worker');
// Compiled, the worker loads the workflow bundle built beside it (infra/build.ts); run from source
// in development, it bundles workflows/ (deterministic code only) at start.
const bundleBesideMain = fileURLToPath(new URL('./workflow-bundle.js', import.meta.url));
const workflowsSourcePath = fileURLToPath(new URL('../../../workflows/src/index.ts', import.meta.url));

runMain(log, async () => {
  const config = loadConfig();
  const workerConfig = loadWorkerConfig();
  const workflows = workflowSource({
    configured: workerConfig.WORKFLOW_BUNDLE,
    besideMain: bundleBesideMain,
    sourcePath: workflowsSourcePath,
    production: config.PROBITY_ENV === 'production',
  });
  // The service runtime owns SIGTERM/SIGINT and drains the worker itself, in order.
  Runtime.install({ shutdownSignals: [] });
  const db = createDb(config.DATABASE_URL, { poolSize: workerConfig.WORKER_MAX_CONCURRENT_ACTIVITIES });
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-worker`, log);
  const producer = await connectProducer(kafka);
  const client = await connectTemporalClient(config);
  // §10.1: the daily retention sweep runs from a Schedule on this worker's task queue.
  const schedule = await ensureRetentionSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE });
  log.info({ schedule }, 'retention schedule ready');
  // Every published hearing outcome not yet withdrawn has its withdrawal timer running.
  const publications = await ensurePublicationWorkflows(db, client, config.TEMPORAL_TASK_QUEUE);
  log.info({ publications }, 'publication workflows ensured');
  const connection = await connectWorkerConnection(config);
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...workflows,
    maxCachedWorkflows: workerConfig.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: workerConfig.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: workerConfig.WORKER_MAX_CONCURRENT_ACTIVITIES,
    activities: createActivities({ db, producer, log, publicationPeriodDays: config.PUBLICATION_PERIOD_DAYS }),
    dataConverter: dataConverter(payloadKeyring(config)),
  });
  const app = express();
  app.use('/codec', codecRouter({
    log,
    payloadKey: payloadKeyring(config),
    allowedOrigins: config.TEMPORAL_UI_ORIGINS,
    requireAuth: config.CODEC_REQUIRE_AUTH,
    caller: codecCaller({ verifier: verifierFromConfig(config), db }, caseworkSessions(db, config)),
    caseAccess: codecCaseAccess(db),
  }));
  const runtime = createServiceRuntime({
    app,
    service: 'worker',
    port: config.WORKER_PORT,
    log,
    readiness: [
      { name: 'postgres', check: dbReady(db) },
      { name: 'kafka', check: kafkaReady(kafka) },
      { name: 'temporal', check: () => temporalReady(client) },
      { name: 'worker', check: async () => { if (worker.getState() !== 'RUNNING') throw new Error(`worker is ${worker.getState()}`); } },
    ],
  });
  const running = worker.run();
  runtime.onShutdown('temporal-worker', async () => { worker.shutdown(); await running; });
  runtime.onShutdown('temporal-connections', async () => { await connection.close(); await client.connection.close(); });
  runtime.onShutdown('kafka-producer', () => producer.disconnect());
  runtime.onShutdown('postgres', () => db.$disconnect());
  await runtime.listen();
  log.info({ workflows: 'workflowBundle' in workflows ? workflows.workflowBundle.codePath : 'bundled from source', maxCachedWorkflows: workerConfig.WORKER_MAX_CACHED_WORKFLOWS, maxConcurrentWorkflowTasks: workerConfig.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS }, 'worker running');
  running.catch((err: unknown) => {
    log.fatal({ err: (err as Error).message }, 'worker stopped unexpectedly');
    process.exit(1);
  });
});
