import express from 'express';
import { verifierFromConfig } from '@probity/shared/auth/verifier-from-config';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { createKafka } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { startOutboxRelay } from '@probity/shared/outbox/relay-service';
import { caseServiceReadiness, oidcReady } from '@probity/shared/runtime/case-service-readiness';
import { createServiceRuntime, runMain } from '@probity/shared/runtime/service';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { createCaseworkApp } from './app';
import { conductWorkflows } from './conduct/conduct-workflows';
import { ensurePolicyReviewCyclesInBackground, policyWorkflows } from './policy/policy-workflows';

// Casework: the staff-facing service — the portal's pages and the JSON API for tasks, cases,
// conduct matters and policies, behind sign-in with the force's OpenID provider.
const log = createLogger('casework');

runMain(log, async () => {
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL);
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-casework`, log);
  const temporal = lazyTemporal(() => connectTemporalClient(config));
  const policies = policyWorkflows(temporal, { taskQueue: config.TEMPORAL_TASK_QUEUE });

  const root = express();
  const runtime = createServiceRuntime({
    service: 'casework',
    port: config.CASEWORK_PORT,
    host: config.BIND_HOST,
    log,
    app: root,
    readiness: [...caseServiceReadiness({ db, kafka, temporal }), { name: 'oidc', check: oidcReady(config.OIDC_ISSUER) }],
  });
  runtime.onShutdown('postgres', () => db.$disconnect());
  runtime.onShutdown('temporal', () => temporal.close());
  const relay = startOutboxRelay({ db, kafka, log, runtime });

  root.use(
    createCaseworkApp({
      db,
      log,
      auth: { verifier: verifierFromConfig(config), db },
      caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
      workflows: complaintWorkflows(temporal),
      conductWorkflows: conductWorkflows(temporal),
      policyWorkflows: policies,
      outbox: relay,
      metrics: runtime.metrics,
      portal: config,
    }),
  );
  // Every policy in the register gets its review workflow (idempotent; retried while Temporal is down).
  const cycles = ensurePolicyReviewCyclesInBackground({ db, workflows: policies, log });
  runtime.onShutdown('policy-review-cycles', () => cycles.stop());
  await runtime.listen();
});
