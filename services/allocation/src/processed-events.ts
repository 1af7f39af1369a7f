import type { Db } from '@probity/shared/db/client';

// Consumer-side idempotency (ProcessedEvent): an event id is acted on once per consumer, however
// often Kafka delivers it. The mark is written only after every effect succeeded, so a failure
// part-way leaves it unmarked and the redelivery finishes the job (each effect being repeatable).

export const CONSUMER = 'allocation';

export type Outcome = 'processed' | 'duplicate';

export async function processOnce(db: Db, eventId: string, effects: () => Promise<void>): Promise<Outcome> {
  const seen = await db.processedEvent.findUnique({ where: { consumer_eventId: { consumer: CONSUMER, eventId } } });
  if (seen) return 'duplicate';
  await effects();
  await db.processedEvent.createMany({ data: [{ consumer: CONSUMER, eventId }], skipDuplicates: true });
  return 'processed';
}
