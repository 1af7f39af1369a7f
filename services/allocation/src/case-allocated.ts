import type { Producer } from 'kafkajs';
import { envelope, type Envelope } from '@probity/shared/events/envelope';
import { caseAllocatedSchema, type CaseAllocated } from '@probity/shared/events/schemas';
import { TOPICS } from '@probity/shared/events/topics';
import { publish } from '@probity/shared/kafka';

// The case.allocated announcement. Its id is derived from what was decided, never random, so a
// repeat after a retry is recognisably the same event and consumers drop it.

export const SOURCE = 'probity/allocation';

export const assessmentAllocatedId = (caseId: string) => `${TOPICS.caseAllocated}:${caseId}:assessment`;
export const handlingAllocatedId = (caseId: string, requestEventId: string) =>
  `${TOPICS.caseAllocated}:${caseId}:handling:${requestEventId}`;

/** The event, validated against its schema. `at` is the decision's time, so repeats are identical. */
export function caseAllocatedEvent(id: string, data: CaseAllocated, at: Date): Envelope<CaseAllocated> {
  return envelope({ id, type: TOPICS.caseAllocated, source: SOURCE, subject: data.caseId, data: caseAllocatedSchema.parse(data), time: at });
}

export async function emitCaseAllocated(producer: Producer, topic: string, event: Envelope<CaseAllocated>): Promise<void> {
  await publish(producer, topic, event);
}
