import type { Payload } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { dataConverter, type PayloadKeyring } from '../temporal/codec';
import { addSearchAttributes } from '../temporal/namespace';

/**
 * A time-skipping Temporal environment backed by the Java test server from Maven Central
 * (`infra/probity test` builds the launcher and exports its path). The SDK cannot download its
 * own test server on this kind of machine, so we hand it ours. Probity's search attributes are
 * registered, as infra/temporal-namespaces.ts does for the dev server. With a payload key, the client encrypts
 * payloads like the services do (pass the same key to the Worker).
 */
export async function createTimeSkippingEnv(payloadKey?: string | PayloadKeyring): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) {
    throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests with `npm test` (infra/probity test)');
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
    ...(payloadKey ? { client: { dataConverter: dataConverter(payloadKey) } } : {}),
  });
  await addSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** Unique ids so repeated runs against the long-lived dev server never collide. */
export const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Every encrypted payload in a workflow history. */
export function payloadsIn(node: unknown, out: Payload[] = []): Payload[] {
  if (node === null || typeof node !== 'object') return out;
  const o = node as Record<string, unknown>;
  if (o.metadata && typeof o.metadata === 'object' && (o.metadata as Record<string, unknown>)['encryption-key-id'] && o.data) out.push(o as Payload);
  else for (const v of Object.values(o)) payloadsIn(v, out);
  return out;
}
