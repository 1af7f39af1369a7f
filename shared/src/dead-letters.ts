import type { IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Db } from './db/client';
import { TOPICS } from './events/topics';
import { physicalTopic, readTopic } from './kafka';

// The dead-letter topic (probity.dead-letter): where a consumer parks an event it cannot handle
// (shared/src/kafka.ts runConsumer), so that one bad event never holds up the ones behind it.
// Here: reading what is parked, and replaying it onto its original topic once the cause is fixed
// (`npm run dead-letters -- list | replay`). Replaying is safe to repeat: every consumer is
// idempotent by event id (ProcessedEvent, Notification's (eventId, recipient)), and each parked
// event is replayed once unless asked again (the replays are recorded as ProcessedEvent rows).

/** The consumer name under which replays are recorded in ProcessedEvent. */
export const REPLAY_CONSUMER = 'dead-letter-replay';

export interface ParkedEvent {
  /** Where it sits on the dead-letter topic. */
  partition: number;
  offset: string;
  /** Logical topic, partition and offset it was consumed from. */
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  consumerGroup: string;
  reason: string;
  /** The event's id and type (CloudEvents headers), when it had them. */
  eventId?: string;
  eventType?: string;
  parkedAt: string;
}

const text = (headers: IHeaders | undefined, name: string): string | undefined => {
  const v = headers?.[name];
  if (v === undefined) return undefined;
  return Buffer.isBuffer(v) ? v.toString('utf8') : Array.isArray(v) ? String(v[0]) : String(v);
};

/** What a dead-letter message says about the event it holds. */
export function parkedEventOf(partition: number, message: KafkaMessage): ParkedEvent {
  const h = message.headers;
  const eventId = text(h, 'ce-id');
  const eventType = text(h, 'ce-type');
  return {
    partition,
    offset: message.offset,
    originalTopic: text(h, 'dlq-original-topic') ?? 'unknown',
    originalPartition: Number(text(h, 'dlq-original-partition') ?? -1),
    originalOffset: text(h, 'dlq-original-offset') ?? '-1',
    consumerGroup: text(h, 'dlq-consumer-group') ?? 'unknown',
    reason: text(h, 'dlq-reason') ?? '',
    ...(eventId ? { eventId } : {}),
    ...(eventType ? { eventType } : {}),
    parkedAt: new Date(Number(message.timestamp)).toISOString(),
  };
}

/** The id a parked event's replay is recorded under: its place on the dead-letter topic. */
export const parkedKey = (e: Pick<ParkedEvent, 'partition' | 'offset'>) => `${e.partition}:${e.offset}`;

/** Everything on the dead-letter topic now, oldest first per partition (read without a lasting group). */
export async function readParkedEvents(kafka: Kafka): Promise<{ parked: ParkedEvent; message: KafkaMessage }[]> {
  const all = await readTopic(kafka, physicalTopic(TOPICS.deadLetter), 'probity-dead-letter-reader');
  return all.map(({ partition, message }) => ({ parked: parkedEventOf(partition, message), message }));
}

export interface ReplayFilter {
  /** Only events parked from this (logical) topic. */
  topic?: string;
  /** Only events parked by this consumer group. */
  group?: string;
  /** Only the event with this id. */
  eventId?: string;
  /** Replay events already replayed before, too. */
  again?: boolean;
}

export interface Replayed {
  parked: ParkedEvent;
  /** 'replayed' now, 'already-replayed' (skipped: use again), or 'not-replayable' (no original topic). */
  outcome: 'replayed' | 'already-replayed' | 'not-replayable';
}

export const matches = (e: ParkedEvent, f: ReplayFilter): boolean =>
  (!f.topic || e.originalTopic === f.topic) && (!f.group || e.consumerGroup === f.group) && (!f.eventId || e.eventId === f.eventId);

/**
 * Puts parked events back on their original topics, as they first were (same key, value and
 * event headers; the dead-letter headers dropped, `dlq-replayed-from` added), and records each
 * replay. Every consumer group of that topic sees the event again; those that handled it already
 * drop it by its id, the one that parked it handles it now.
 */
export async function replayParkedEvents(kafka: Kafka, producer: Producer, db: Db, filter: ReplayFilter = {}): Promise<Replayed[]> {
  const results: Replayed[] = [];
  for (const { parked, message } of await readParkedEvents(kafka)) {
    if (!matches(parked, filter)) continue;
    if (parked.originalTopic === 'unknown') {
      results.push({ parked, outcome: 'not-replayable' });
      continue;
    }
    const key = parkedKey(parked);
    const done = await db.processedEvent.findUnique({ where: { consumer_eventId: { consumer: REPLAY_CONSUMER, eventId: key } } });
    if (done && !filter.again) {
      results.push({ parked, outcome: 'already-replayed' });
      continue;
    }
    const headers = Object.fromEntries(Object.entries(message.headers ?? {}).filter(([k]) => !k.startsWith('dlq-')));
    await producer.send({
      topic: physicalTopic(parked.originalTopic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers: { ...headers, 'dlq-replayed-from': key } }],
    });
    await db.processedEvent.createMany({ data: [{ consumer: REPLAY_CONSUMER, eventId: key }], skipDuplicates: true });
    results.push({ parked, outcome: 'replayed' });
  }
  return results;
}

/** Whether a parked event has been replayed (for listing). */
export async function replayedKeys(db: Db): Promise<Set<string>> {
  const rows = await db.processedEvent.findMany({ where: { consumer: REPLAY_CONSUMER }, select: { eventId: true } });
  return new Set(rows.map((r) => r.eventId));
}
