import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config';
import { dataConverter, payloadKeyring } from './codec';

type TemporalTls = Pick<Config, 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_SERVER_NAME'>;

/**
 * Mutual TLS to the Temporal frontend when certificates are configured (always in production, see
 * config.ts): the frontend knows this service by its client certificate. Plain gRPC otherwise
 * (the local dev server listens on loopback only).
 */
export function temporalTls(c: TemporalTls): TLSConfig | undefined {
  if (!c.TEMPORAL_TLS_CA && !c.TEMPORAL_TLS_CERT) return undefined;
  return {
    ...(c.TEMPORAL_TLS_CA ? { serverRootCACertificate: readFileSync(c.TEMPORAL_TLS_CA) } : {}),
    ...(c.TEMPORAL_TLS_CERT && c.TEMPORAL_TLS_KEY ? { clientCertPair: { crt: readFileSync(c.TEMPORAL_TLS_CERT), key: readFileSync(c.TEMPORAL_TLS_KEY) } } : {}),
    ...(c.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: c.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
}

/** A Temporal client whose payloads are encrypted (see codec.ts). */
export async function connectTemporalClient(config: Config): Promise<Client> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(payloadKeyring(config)) });
}

export async function connectWorkerConnection(config: Config): Promise<NativeConnection> {
  // Loaded here, not at the top: the services that only call Temporal (intake, casework,
  // allocation) import this module too, and the worker SDK (its native core, its bundler) costs
  // each of them about 17 MiB resident they would never use.
  const { NativeConnection } = await import('@temporalio/worker');
  return NativeConnection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
}

/** Readiness: the namespace answers. */
export async function temporalReady(client: Client): Promise<void> {
  await client.workflowService.describeNamespace({ namespace: client.options.namespace });
}
