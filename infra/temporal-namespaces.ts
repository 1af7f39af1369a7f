// Makes sure the Temporal server has Probity's namespaces (the system's and the tests' own) with
// every custom search attribute and the daily retention Schedule, whether it was started just now
// or by an earlier run — then checks them as the server has them, and exits non-zero if anything
// is missing (the compose and Helm bootstrap jobs run this same script).
//   tsx infra/temporal-namespaces.ts <namespace> [<namespace> …]   (default: TEMPORAL_NAMESPACE)
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../shared/src/config';
import { temporalTls } from '../shared/src/temporal/connect';
import { dataConverter, payloadKeyring } from '../shared/src/temporal/codec';
import { ensureNamespace, namespaceProblems } from '../shared/src/temporal/namespace';
import { ensureRetentionSchedule } from '../services/worker/src/retention-schedule';

const config = loadConfig();
const namespaces = process.argv.slice(2).length ? process.argv.slice(2) : [config.TEMPORAL_NAMESPACE];
const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
try {
  for (const ns of namespaces) {
    const { created, searchAttributesAdded } = await ensureNamespace(connection, ns, config.TEMPORAL_NAMESPACE_RETENTION_DAYS);
    const what = [created && `registered (retention ${config.TEMPORAL_NAMESPACE_RETENTION_DAYS} days)`, searchAttributesAdded.length > 0 && `search attributes added: ${searchAttributesAdded.join(', ')}`].filter(Boolean);
    const client = new Client({ connection, namespace: ns, dataConverter: dataConverter(payloadKeyring(config)) });
    const schedule = await ensureRetentionSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE });
    if (schedule !== 'unchanged') what.push(`retention schedule ${schedule}`);
    const problems = await namespaceProblems(connection, ns);
    if (problems.length) throw new Error(`temporal namespace ${ns} is not ready: ${problems.join('; ')}`);
    console.error(`[probity] temporal namespace ${ns}: ${what.length ? what.join('; ') : 'ready'}; verified`);
  }
} finally {
  await connection.close();
}
