// Makes sure the Temporal server has Probity's namespaces (the system's and the tests' own) with
// every custom search attribute and the daily retention Schedule, whether it was started just now
// or by an earlier run.
//   tsx infra/temporal-namespaces.ts <namespace> [<namespace> …]
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../shared/src/config';
import { dataConverter, payloadKeyring } from '../shared/src/temporal/codec';
import { ensureNamespace } from '../shared/src/temporal/namespace';
import { ensureRetentionSchedule } from '../services/worker/src/retention-schedule';

const address = process.env.TEMPORAL_ADDRESS ?? `127.0.0.1:${process.env.TEMPORAL_PORT ?? 7233}`;
const namespaces = process.argv.slice(2);
const connection = await Connection.connect({ address });
try {
  for (const ns of namespaces) {
    const { created, searchAttributesAdded } = await ensureNamespace(connection, ns);
    const what = [created && 'registered', searchAttributesAdded.length > 0 && `search attributes added: ${searchAttributesAdded.join(', ')}`].filter(Boolean);
    const config = loadConfig();
    const client = new Client({ connection, namespace: ns, dataConverter: dataConverter(payloadKeyring(config)) });
    const schedule = await ensureRetentionSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE });
    if (schedule !== 'unchanged') what.push(`retention schedule ${schedule}`);
    console.error(`[probity] temporal namespace ${ns}: ${what.length ? what.join('; ') : 'ready'}`);
  }
} finally {
  await connection.close();
}
