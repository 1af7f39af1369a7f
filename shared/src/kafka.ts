import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel, type Consumer, type Producer, type KafkaMessage, type IHeaders } from 'kafkajs';
import type { Logger } from './log';
import { isDependencyUnavailable } from './runtime/unavailable';
import { TOPICS, ALL_TOPICS } from './events/topics';
import type { Envelope } from './events/envelope';

/**
 * Test runs publish and consume under their own topic prefix (KAFKA_TOPIC_PREFIX, e.g. "test."),
 * so they never meet the running system's events on the same broker. Only physical topic names
 * change: code and event types use the logical names in TOPICS.
 */
export const topicPrefix = (): string => process.env.KAFKA_TOPIC_PREFIX ?? '';
export const physicalTopic = (logical: string): string => `${topicPrefix()}${logical}`;
export const logicalTopic = (physical: string): string =>
  topicPrefix() && physical.startsWith(topicPrefix()) ? physical.slice(topicPrefix().length) : physical;

/**
 * Consumer group ids get their own prefix (KAFKA_GROUP_PREFIX, default none), so a second copy of
 * the system on the same broker (the benchmarks' own stack) never joins the running system's
 * groups. Tests pass their own group ids instead.
 */
export const physicalGroup = (groupId: string): string => `${process.env.KAFKA_GROUP_PREFIX ?? ''}${groupId}`;

export function createKafka(brokers: string[], clientId: string, log?: Logger): Kafka {
  return new Kafka({
    clientId,
    brokers,
    retry: { retries: 8, initialRetryTime: 300 },
    // kafkajs' own logging goes through our JSON logger, at warn and above.
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, label, log: entry }) => {
      const { message, ...extra } = entry;
      log?.[level <= logLevel.ERROR ? 'error' : 'warn']({ kafka: namespace, label, ...extra }, message);
    },
  });
}

/**
 * The producer's retries. Idempotence (the broker drops a retried batch it already has, by
 * producer id and sequence) holds only while the producer itself keeps retrying a batch until it
 * lands: giving up part-way and sending later messages leaves a sequence gap (kafkajs warns
 * "limiting retries … may invalidate EoS"). So retries are unlimited, as the Java client's
 * idempotent default; the back-off is capped, and how long one send may take is bounded by its
 * caller (the outbox relay's send timeout, an activity's timeout), which then drops the producer.
 */
export const IDEMPOTENT_PRODUCER_RETRY = { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 30_000 } as const;

/** Idempotent producer: the broker drops duplicates from producer retries. */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  // The default (murmur2) partitioner, chosen explicitly: same key → same partition as Java clients.
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    retry: IDEMPOTENT_PRODUCER_RETRY,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}

export async function publish(producer: Producer, topic: string, event: Envelope): Promise<void> {
  await producer.send({
    topic: physicalTopic(topic),
    acks: -1,
    messages: [{ key: event.subject, value: JSON.stringify(event), headers: { 'ce-type': event.type, 'ce-id': event.id } }],
  });
}

/** How topics are created (from KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR, … in config). */
export interface TopicSettings {
  partitions: number;
  replicationFactor?: number;
  minInsyncReplicas?: number;
  retentionMs?: number;
}

export const topicSettings = (c: { KAFKA_TOPIC_PARTITIONS: number; KAFKA_REPLICATION_FACTOR: number; KAFKA_MIN_INSYNC_REPLICAS: number; KAFKA_RETENTION_MS: number }): TopicSettings => ({
  partitions: c.KAFKA_TOPIC_PARTITIONS,
  replicationFactor: c.KAFKA_REPLICATION_FACTOR,
  minInsyncReplicas: c.KAFKA_MIN_INSYNC_REPLICAS,
  retentionMs: c.KAFKA_RETENTION_MS,
});

/** Creates the missing topics (existing ones are left as they are: partitions only ever grow by hand). */
export async function ensureTopics(kafka: Kafka, topics: string[] = ALL_TOPICS, settings: number | TopicSettings = 3): Promise<string[]> {
  const s: TopicSettings = typeof settings === 'number' ? { partitions: settings } : settings;
  const configEntries = [
    ...(s.minInsyncReplicas ? [{ name: 'min.insync.replicas', value: String(s.minInsyncReplicas) }] : []),
    ...(s.retentionMs ? [{ name: 'retention.ms', value: String(s.retentionMs) }] : []),
  ];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.map(physicalTopic).filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: s.partitions, replicationFactor: s.replicationFactor ?? 1, configEntries })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}

export interface HandlerContext<S = undefined> {
  topic: string;
  partition: number;
  message: KafkaMessage;
  /** What `beginBatch` made for the batch this message came in (shared by its messages). */
  batch: S;
}

/** The messages of a batch in lanes by key, each lane in offset order (same key, same lane). */
export function lanesByKey<M extends { key: Buffer | null; offset: string }>(messages: readonly M[]): M[][] {
  const lanes = new Map<string, M[]>();
  for (const m of messages) {
    const key = m.key ? `k:${m.key.toString('base64')}` : `o:${m.offset}`;
    const lane = lanes.get(key);
    if (lane) lane.push(m);
    else lanes.set(key, [m]);
  }
  return [...lanes.values()];
}

/**
 * The offsets that may be committed after a batch: the longest run, from the batch's start, of
 * messages that are done. A message after the first one not done is redelivered (its effect
 * being idempotent), so nothing is skipped whatever finished out of order.
 */
export function committableOffset(messages: readonly { offset: string }[], done: ReadonlySet<string>): string | undefined {
  let last: string | undefined;
  for (const m of messages) {
    if (!done.has(m.offset)) break;
    last = m.offset;
  }
  return last;
}

/**
 * Runs a consumer group over the given topics. A message whose handler throws is retried by
 * kafkajs (the offset is not committed); after `maxAttempts` failures it is parked on the
 * dead-letter topic with the error, so one poison message never blocks a partition. A failure
 * because a dependency is away (runtime/unavailable.ts) is retried without being counted.
 *
 * Messages are taken a batch at a time. Within a partition's batch, messages with different keys
 * (different cases) are handled up to `concurrency` at once, and those with the same key one
 * after another in order; partitions are handled side by side. Offsets are committed only up to
 * the first message not yet done. `concurrency: 1` handles one message at a time, in order.
 */
export async function runConsumer<S = undefined>(opts: {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  producer: Producer;
  log: Logger;
  handle: (value: unknown, ctx: HandlerContext<S>) => Promise<void>;
  maxAttempts?: number;
  fromBeginning?: boolean;
  /** Messages in flight per partition (default 1). */
  concurrency?: number;
  /** Made once per batch and handed to each of its messages (e.g. a workload snapshot). */
  beginBatch?: () => S;
}): Promise<Consumer> {
  const { kafka, groupId, topics, producer, log, handle, maxAttempts = 5 } = opts;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const consumer = kafka.consumer({ groupId: physicalGroup(groupId), allowAutoTopicCreation: false, retry: { retries: 10 } });
  await consumer.connect();
  await consumer.subscribe({ topics: topics.map(physicalTopic), fromBeginning: opts.fromBeginning ?? true });
  const attempts = new Map<string, number>();

  /** Handles one message: resolves when done (handled, or parked on the dead-letter topic), throws to retry. */
  const handleOne = async (topic: string, partition: number, message: KafkaMessage, batch: S): Promise<void> => {
    const at = `${topic}/${partition}/${message.offset}`;
    let value: unknown;
    try {
      value = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      await deadLetter(producer, { topic, partition, message }, groupId, 'message is not JSON');
      log.warn({ at }, 'unparseable message sent to dead-letter topic');
      return;
    }
    try {
      await handle(value, { topic, partition, message, batch });
      attempts.delete(at);
    } catch (err) {
      // A dependency that is away is waited for: the message did nothing wrong.
      if (isDependencyUnavailable(err)) {
        log.warn({ at, err: (err as Error).message }, 'a dependency is unavailable; will retry without counting it against the message');
        throw err;
      }
      const n = (attempts.get(at) ?? 0) + 1;
      attempts.set(at, n);
      const permanent = (err as { permanent?: boolean }).permanent === true;
      if (permanent || n >= maxAttempts) {
        await deadLetter(producer, { topic, partition, message }, groupId, (err as Error).message);
        attempts.delete(at);
        log.error({ at, attempts: n, err: (err as Error).message }, 'message sent to dead-letter topic');
        return;
      }
      log.warn({ at, attempt: n, err: (err as Error).message }, 'handler failed; will retry');
      throw err;
    }
  };

  await consumer.run({
    partitionsConsumedConcurrently: concurrency > 1 ? 8 : 1,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
      const topic = logicalTopic(batch.topic);
      const scope = opts.beginBatch?.() as S;
      const done = new Set<string>();
      let failure: unknown;
      const lanes = lanesByKey(batch.messages);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, lanes.length) }, async () => {
          while (next < lanes.length) {
            const lane = lanes[next++]!;
            for (const message of lane) {
              if (failure !== undefined || !isRunning() || isStale()) return;
              try {
                await handleOne(topic, batch.partition, message, scope);
                done.add(message.offset);
              } catch (err) {
                failure ??= err;
                return;
              }
            }
          }
        }),
      );
      const upTo = committableOffset(batch.messages, done);
      if (upTo !== undefined) resolveOffset(upTo);
      await commitOffsetsIfNecessary();
      // The failed message (and any after it) is fetched again: kafkajs retries from the last resolved offset.
      if (failure !== undefined) throw failure;
      await heartbeat();
    },
  });
  return consumer;
}

async function deadLetter(producer: Producer, ctx: Omit<HandlerContext, 'batch'>, groupId: string, reason: string): Promise<void> {
  const headers: IHeaders = {
    ...ctx.message.headers,
    'dlq-original-topic': ctx.topic,
    'dlq-original-partition': String(ctx.partition),
    'dlq-original-offset': ctx.message.offset,
    'dlq-consumer-group': groupId,
    'dlq-reason': reason.slice(0, 500),
  };
  await producer.send({
    topic: physicalTopic(TOPICS.deadLetter),
    acks: -1,
    messages: [{ key: ctx.message.key, value: ctx.message.value, headers }],
  });
}

/** Marks a handler error as one that retrying cannot fix (straight to the dead-letter topic). */
export class PermanentError extends Error {
  readonly permanent = true;
}

/**
 * Everything on a (physical) topic now, oldest first per partition, read without a lasting
 * consumer group: what is parked on the dead-letter topic, what a fault-injection run checks.
 */
export async function readTopic(kafka: Kafka, topic: string, groupPrefix: string, timeoutMs = 60_000): Promise<{ partition: number; message: KafkaMessage }[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${groupPrefix}-${randomUUID()}`;
  try {
    const ends = (await admin.fetchTopicOffsets(topic)).filter((p) => Number(p.high) > Number(p.low));
    if (ends.length === 0) return [];
    const remaining = new Map(ends.map((p) => [p.partition, BigInt(p.high)]));
    const out: { partition: number; message: KafkaMessage }[] = [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`reading ${topic} took more than ${timeoutMs / 1000} s`)), timeoutMs);
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const end = remaining.get(partition);
              if (end === undefined || BigInt(message.offset) >= end) return;
              out.push({ partition, message });
              if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return out.sort((a, b) => a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)));
  } finally {
    await admin.disconnect();
  }
}
