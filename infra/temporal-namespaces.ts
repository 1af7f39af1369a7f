// Makes sure the Temporal server has Probity's namespaces (the system's and the tests' own) with
// every custom search attribute, whether it was started just now or by an earlier run.
//   tsx infra/temporal-namespaces.ts <namespace> [<namespace> …]
import { Connection } from '@temporalio/client';
import { ensureNamespace } from '../shared/src/temporal/namespace';

const address = process.env.TEMPORAL_ADDRESS ?? `127.0.0.1:${process.env.TEMPORAL_PORT ?? 7233}`;
const namespaces = process.argv.slice(2);
const connection = await Connection.connect({ address });
try {
  for (const ns of namespaces) {
    const { created, searchAttributesAdded } = await ensureNamespace(connection, ns);
    const what = [created && 'registered', searchAttributesAdded.length > 0 && `search attributes added: ${searchAttributesAdded.join(', ')}`].filter(Boolean);
    console.error(`[probity] temporal namespace ${ns}: ${what.length ? what.join('; ') : 'ready'}`);
  }
} finally {
  await connection.close();
}
