import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config';
import { dataConverter, payloadKeyring } from './codec';

/** A Temporal client whose payloads are encrypted (see codec.ts). */
export async function connectTemporalClient(config: Config): Promise<Client> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(payloadKeyring(config)) });
}

export async function connectWorkerConnection(config: Config): Promise<NativeConnection> {
  return NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
}

/** Readiness: the namespace answers. */
export async function temporalReady(client: Client): Promise<void> {
  await client.workflowService.describeNamespace({ namespace: client.options.namespace });
}
