import type { Consumer, Kafka } from 'kafkajs';
import { Counter, type Registry } from 'prom-client';
import type { z } from 'zod';
import { InvalidEventError, parseEvent } from '@probity/shared/events/envelope';
import { allocationRequestedSchema, caseReceivedSchema } from '@probity/shared/events/schemas';
import { TOPICS } from '@probity/shared/events/topics';
import { PermanentError, runConsumer } from '@probity/shared/kafka';
import { handleCaseReceived } from './case-start';
import { handleConductReceived } from './conduct-start';
import { batchWorkload, type Workload } from './assignment';
import type { AllocationDeps } from './deps';
import { handleAllocationRequested } from './handling-allocation';
import { processOnce } from './processed-events';

// Kafka wiring: case.received and allocation.requested, each event validated, acted on once,
// retried on failure and parked on the dead-letter topic when it cannot succeed.

export const GROUP_ID = 'probity-allocation';

export interface ConsumerTopics {
  caseReceived: string;
  allocationRequested: string;
}

export const DEFAULT_TOPICS: ConsumerTopics = {
  caseReceived: TOPICS.caseReceived,
  allocationRequested: TOPICS.allocationRequested,
};

export interface ConsumerOptions {
  kafka: Kafka;
  groupId?: string;
  topics?: ConsumerTopics;
  metrics?: Registry;
  /** A new group starts at the oldest event (default) or only at new ones. */
  fromBeginning?: boolean;
  /** Events of different cases handled at once per partition (default 16; 1 = one at a time). */
  concurrency?: number;
}

/**
 * Events in flight per partition. A case's events stay in order (one key, one lane); each case's
 * effects are idempotent, so which finishes first never matters. The start of a workflow and the
 * Postgres round trips are waits, not work: 16 keeps two cores busy without queueing in Postgres.
 */
export const DEFAULT_CONCURRENCY = 16;

/** A malformed event never becomes valid: straight to the dead-letter topic. */
export function parseOrPark<T>(raw: unknown, schema: z.ZodType<T>, expectedType: string) {
  try {
    const event = parseEvent(raw, schema);
    if (event.type !== expectedType) throw new PermanentError(`expected a ${expectedType} event, got ${event.type}`);
    return event;
  } catch (err) {
    if (err instanceof InvalidEventError) throw new PermanentError(err.message);
    throw err;
  }
}

export async function startAllocationConsumer(baseDeps: AllocationDeps, opts: ConsumerOptions): Promise<Consumer> {
  const topics = opts.topics ?? DEFAULT_TOPICS;
  const { db, log } = baseDeps;
  const handled = new Counter({
    name: 'probity_allocation_events_total',
    help: 'Events handled by the allocation service, by topic and outcome',
    labelNames: ['topic', 'outcome'] as const,
    registers: opts.metrics ? [opts.metrics] : [],
  });

  const handle = async (raw: unknown, topic: string, workload: Workload): Promise<void> => {
    const deps = { ...baseDeps, workload };
    if (topic === topics.caseReceived) {
      const event = parseOrPark(raw, caseReceivedSchema, TOPICS.caseReceived);
      const outcome = await processOnce(db, event.id, async () => {
        if (event.data.kind === 'conduct') return handleConductReceived(deps, event);
        await handleCaseReceived(deps, event);
      });
      handled.inc({ topic, outcome });
      if (outcome === 'duplicate') log.info({ eventId: event.id, caseId: event.data.caseId }, 'duplicate event skipped');
      return;
    }
    if (topic === topics.allocationRequested) {
      const event = parseOrPark(raw, allocationRequestedSchema, TOPICS.allocationRequested);
      const outcome = await processOnce(db, event.id, () => handleAllocationRequested(deps, event));
      handled.inc({ topic, outcome });
      if (outcome === 'duplicate') log.info({ eventId: event.id, caseId: event.data.caseId }, 'duplicate event skipped');
      return;
    }
    throw new PermanentError(`allocation does not consume topic ${topic}`);
  };

  return runConsumer<Workload>({
    kafka: opts.kafka,
    concurrency: opts.concurrency ?? DEFAULT_CONCURRENCY,
    // One workload snapshot per batch: choices within it count against each other.
    beginBatch: () => batchWorkload(db),
    groupId: opts.groupId ?? GROUP_ID,
    topics: [topics.caseReceived, topics.allocationRequested],
    fromBeginning: opts.fromBeginning,
    producer: baseDeps.producer,
    log,
    handle: async (raw, ctx) => {
      try {
        await handle(raw, ctx.topic, ctx.batch);
      } catch (err) {
        handled.inc({ topic: ctx.topic, outcome: 'error' });
        throw err;
      }
    },
  });
}
