// What /readyz checks for the services that record and work cases (intake, casework): the real
// Postgres, Kafka and Temporal answer (and, for casework, the OpenID provider).
import type { Kafka } from 'kafkajs';
import type { Db } from '../db/client';
import { temporalReady } from '../temporal/connect';
import type { TemporalProvider } from '../temporal/workflow-calls';
import { dbReady, kafkaReady } from './deps';
import type { ReadinessCheck } from './service';

export function caseServiceReadiness(deps: { db: Db; kafka: Kafka; temporal: TemporalProvider }): ReadinessCheck[] {
  return [
    { name: 'postgres', check: dbReady(deps.db) },
    { name: 'kafka', check: kafkaReady(deps.kafka) },
    { name: 'temporal', check: async () => temporalReady(await deps.temporal.get()) },
  ];
}

/** The OpenID provider publishes its discovery document. */
export const oidcReady = (issuer: string) => async () => {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3_000) });
  if (!res.ok) throw new Error(`discovery answered ${res.status}`);
};
