// What /readyz checks for intake: the real Postgres, Kafka and Temporal answer.
import type { Kafka } from 'kafkajs';
import type { Db } from '@probity/shared/db/client';
import { dbReady, kafkaReady } from '@probity/shared/runtime/deps';
import type { ReadinessCheck } from '@probity/shared/runtime/service';
import { temporalReady } from '@probity/shared/temporal/connect';
import type { TemporalProvider } from './complaint-workflows';

export function intakeReadiness(deps: { db: Db; kafka: Kafka; temporal: TemporalProvider }): ReadinessCheck[] {
  return [
    { name: 'postgres', check: dbReady(deps.db) },
    { name: 'kafka', check: kafkaReady(deps.kafka) },
    { name: 'temporal', check: async () => temporalReady(await deps.temporal.get()) },
  ];
}
