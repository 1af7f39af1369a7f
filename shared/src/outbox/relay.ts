// The outbox relay: publishes OutboxEvent rows to Kafka, oldest first, and marks them published.
// Rows are claimed with FOR UPDATE SKIP LOCKED inside a transaction, so two relays never send the
// same row at the same time; a crash between send and commit re-sends it (at-least-once; the
// consumers are idempotent on the event id). While Kafka is down, rows stay unpublished with
// their attempts and last error recorded, and go out once it is back: nothing accepted is lost.
import type { Producer } from 'kafkajs';
import type { Db } from '@probity/shared/db/client';
import { EnvelopeSchema } from '@probity/shared/events/envelope';
import type { Logger } from '@probity/shared/log';
import { safeErrorFields } from '@probity/shared/http/errors';
import { physicalTopic } from '@probity/shared/kafka';

export interface OutboxRelayOptions {
  db: Db;
  /** Connects a producer; called lazily and again after a failed send (the relay owns it). */
  connectProducer: () => Promise<Producer>;
  log: Logger;
  batchSize?: number;
  /** How long to sleep when there is nothing to send (a nudge wakes it sooner). */
  idleMs?: number;
  /** Back-off after a failure: doubles from minBackoffMs up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Longest a single send may take before it counts as failed. */
  sendTimeoutMs?: number;
  onPublished?: (count: number) => void;
  onFailed?: (count: number) => void;
}

export interface DrainResult {
  published: number;
  /** Rows whose send failed (Kafka unreachable or refusing): they stay unpublished. */
  failed: number;
  /** Rows that are not valid envelopes: never sent, left unpublished with an error for a person. */
  invalid: number;
  /** Ids sent in this pass (for tests and logs). */
  ids: string[];
}

export interface OutboxRelay {
  start(): void;
  /** Wakes the relay now (after a case was accepted). */
  nudge(): void;
  /** One pass: claims a batch, sends it, records the result. */
  drainOnce(): Promise<DrainResult>;
  /** Stops the loop after the pass in progress and disconnects the producer. */
  stop(): Promise<void>;
}

const INVALID_ENVELOPE = 'payload is not a valid event envelope';

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  payload: unknown;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e as Error);
      },
    );
  });
}

export function createOutboxRelay(opts: OutboxRelayOptions): OutboxRelay {
  const { db, log } = opts;
  const batchSize = opts.batchSize ?? 100;
  const idleMs = opts.idleMs ?? 1_000;
  const minBackoffMs = opts.minBackoffMs ?? 500;
  const maxBackoffMs = opts.maxBackoffMs ?? 30_000;
  const sendTimeoutMs = opts.sendTimeoutMs ?? 15_000;

  let producer: Producer | undefined;
  let running = false;
  let loop: Promise<void> | undefined;
  let nudged = false;

  const dropProducer = async () => {
    const p = producer;
    producer = undefined;
    if (p) await p.disconnect().catch(() => undefined);
  };

  const drainOnce = async (): Promise<DrainResult> =>
    db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT "id", "topic", "key", "payload" FROM "OutboxEvent"
          WHERE "publishedAt" IS NULL AND "lastError" IS DISTINCT FROM ${INVALID_ENVELOPE}
          ORDER BY "createdAt", "id"
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return { published: 0, failed: 0, invalid: 0, ids: [] };

        // A row that is not a valid envelope can never be sent: it is set aside (unpublished, with
        // the reason in lastError) for a person; clearing lastError after fixing it sends it.
        const poison = rows.filter((r) => !EnvelopeSchema.safeParse(r.payload).success);
        if (poison.length) {
          log.error({ outboxIds: poison.map((r) => r.id) }, 'outbox rows are not valid event envelopes; not sent');
          await tx.outboxEvent.updateMany({
            where: { id: { in: poison.map((r) => r.id) } },
            data: { attempts: { increment: 1 }, lastError: INVALID_ENVELOPE },
          });
        }
        const sendable = rows.filter((r) => !poison.includes(r));
        if (sendable.length === 0) return { published: 0, failed: 0, invalid: poison.length, ids: [] };

        const ids = sendable.map((r) => r.id);
        try {
          if (!producer) {
            const connecting = opts.connectProducer();
            producer = await withTimeout(connecting, sendTimeoutMs, 'connecting to Kafka').catch((err: unknown) => {
              // If it connects after all, do not leave it dangling.
              connecting.then((p) => p.disconnect()).catch(() => undefined);
              throw err;
            });
          }
          // One batch per pass, in createdAt order: events of one case (one key) keep their order.
          const byTopic = new Map<string, OutboxRow[]>();
          for (const r of sendable) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
          await withTimeout(
            producer.sendBatch({
              acks: -1,
              topicMessages: [...byTopic].map(([topic, rs]) => ({
                topic: physicalTopic(topic),
                messages: rs.map((r) => {
                  const env = r.payload as { id: string; type: string };
                  return { key: r.key, value: JSON.stringify(r.payload), headers: { 'ce-type': env.type, 'ce-id': env.id } };
                }),
              })),
            }),
            sendTimeoutMs,
            'publishing to Kafka',
          );
        } catch (err) {
          const message = (err as Error).message || String(err);
          await tx.outboxEvent.updateMany({
            where: { id: { in: ids } },
            data: { attempts: { increment: 1 }, lastError: message.slice(0, 1000) },
          });
          await dropProducer();
          log.warn({ count: ids.length, err: message }, 'outbox publish failed; will retry');
          opts.onFailed?.(ids.length);
          return { published: 0, failed: ids.length, invalid: poison.length, ids: [] };
        }
        await tx.outboxEvent.updateMany({ where: { id: { in: ids } }, data: { publishedAt: new Date(), lastError: null } });
        opts.onPublished?.(ids.length);
        log.debug({ count: ids.length }, 'outbox events published');
        return { published: ids.length, failed: 0, invalid: poison.length, ids };
      },
      { maxWait: 10_000, timeout: sendTimeoutMs * 2 + 10_000 },
    );

  let timer: NodeJS.Timeout | undefined;
  let endSleep: (() => void) | undefined;
  let sleepIsWakeable = false;
  const sleep = (ms: number, wakeable: boolean) =>
    new Promise<void>((resolve) => {
      if (!running || (wakeable && nudged)) {
        nudged = false;
        return resolve();
      }
      sleepIsWakeable = wakeable;
      endSleep = () => {
        clearTimeout(timer);
        endSleep = undefined;
        if (wakeable) nudged = false;
        resolve();
      };
      timer = setTimeout(endSleep, ms);
    });

  const run = async () => {
    let failures = 0;
    while (running) {
      let result: DrainResult | undefined;
      try {
        result = await drainOnce();
      } catch (err) {
        log.error(safeErrorFields(err), 'outbox relay pass failed');
      }
      if (!running) break;
      if (!result || result.failed > 0) {
        // Kafka (or Postgres) is unavailable: back off, doubling, and do not let nudges hammer it.
        failures++;
        await sleep(Math.min(maxBackoffMs, minBackoffMs * 2 ** Math.min(failures - 1, 16)), false);
      } else {
        failures = 0;
        if (result.published < batchSize) await sleep(idleMs, true);
      }
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
      log.info('outbox relay started');
    },
    nudge() {
      nudged = true;
      if (sleepIsWakeable) endSleep?.();
    },
    drainOnce,
    async stop() {
      running = false;
      endSleep?.();
      await loop;
      loop = undefined;
      await dropProducer();
      log.info('outbox relay stopped');
    },
  };
}
