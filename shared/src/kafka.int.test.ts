import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KafkaMessage } from 'kafkajs';
import { loadConfig } from './config';
import { createLogger } from './log';
import { createKafka, connectProducer, ensureTopics, physicalTopic, publish, runConsumer } from './kafka';
import { createDb } from './db/client';
import { envelope, EnvelopeSchema } from './events/envelope';
import { uniqueId } from './testing/temporal';

describe('Kafka broker (real, KRaft)', () => {
  it('delivers an event produced with kafkajs to a consumer group', async () => {
    const config = loadConfig();
    const kafka = createKafka(config.KAFKA_BROKERS, 'probity-test');
    const topic = uniqueId('test.roundtrip');
    await ensureTopics(kafka, [topic], 1);
    const producer = await connectProducer(kafka);
    const consumer = kafka.consumer({ groupId: uniqueId('roundtrip-group') });
    try {
      const event = envelope({ id: randomUUID(), type: 'test.roundtrip', source: 'probity/test', subject: 'case-1', data: { n: 42 } });
      await consumer.connect();
      await consumer.subscribe({ topic: physicalTopic(topic), fromBeginning: true });
      const received = new Promise<{ key: string; value: unknown }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            resolve({ key: message.key!.toString(), value: JSON.parse(message.value!.toString()) });
          },
        });
      });
      await publish(producer, topic, event);
      const got = await received;
      expect(got.key).toBe('case-1');
      expect(EnvelopeSchema.parse(got.value)).toEqual(event);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [physicalTopic(topic)] });
      await admin.disconnect();
    }
  });

  it('produces idempotently: every batch carries a producer id and sequence, with no warning that retries are limited', async () => {
    const config = loadConfig();
    const warnings: string[] = [];
    const log = createLogger('kafka-test', 'warn');
    const spy = { ...log, warn: (o: unknown, msg?: string) => warnings.push(msg ?? String(o)), error: (o: unknown, msg?: string) => warnings.push(msg ?? String(o)) };
    const kafka = createKafka(config.KAFKA_BROKERS, 'probity-test', spy as unknown as typeof log);
    const topic = uniqueId('test.idempotent');
    await ensureTopics(kafka, [topic], 1);
    const producer = await connectProducer(kafka);
    const consumer = kafka.consumer({ groupId: uniqueId('idempotent-group') });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: physicalTopic(topic), fromBeginning: true });
      const received: KafkaMessage[] = [];
      const three = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            received.push(message);
            if (received.length === 3) resolve();
          },
        });
      });
      for (let n = 0; n < 3; n++) {
        await publish(producer, topic, envelope({ id: randomUUID(), type: 'test.idempotent', source: 'probity/test', subject: 'case-1', data: { n } }));
      }
      await three;
      // A non-idempotent producer writes producer id -1 and sequence -1 in every record batch.
      const batches = received.map((m) => (m as KafkaMessage & { batchContext: { producerId: string; firstSequence: number } }).batchContext);
      expect(batches.every((b) => b.producerId !== '-1')).toBe(true);
      expect(new Set(batches.map((b) => b.producerId)).size).toBe(1);
      expect(batches.map((b) => b.firstSequence)).toEqual([0, 1, 2]);
      expect(warnings.filter((w) => /idempotent|EoS/i.test(w))).toEqual([]);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [physicalTopic(topic)] });
      await admin.disconnect();
    }
  });

  it('waits for a database that is away instead of parking the message, and still parks a message that fails on its own', async () => {
    const config = loadConfig();
    const kafka = createKafka(config.KAFKA_BROKERS, 'probity-test');
    const topic = uniqueId('test.patience');
    await ensureTopics(kafka, [topic], 1);
    const producer = await connectProducer(kafka);
    // A real PostgreSQL client pointed at a port nobody listens on: the error a restart gives.
    const away = createDb('postgresql://probity:probity@127.0.0.1:1/probity');
    const calls: Record<string, number> = {};
    const handled: string[] = [];
    const consumer = await runConsumer({
      kafka, groupId: uniqueId('patience-group'), topics: [topic], producer, log: createLogger('kafka-test', 'silent'), maxAttempts: 2,
      handle: async (value) => {
        const { kind } = (value as { data: { kind: string } }).data;
        const n = (calls[kind] = (calls[kind] ?? 0) + 1);
        // Four failures, twice maxAttempts, before the database is back.
        if (kind === 'database-away' && n <= 4) await away.person.findUnique({ where: { id: 'anyone' } });
        if (kind === 'poison') throw new Error('this message cannot be handled');
        handled.push(kind);
      },
    });
    try {
      for (const kind of ['database-away', 'poison', 'after']) {
        await publish(producer, topic, envelope({ id: randomUUID(), type: 'test.patience', source: 'probity/test', subject: 'case-1', data: { kind } }));
      }
      const until = Date.now() + 60_000;
      while (!handled.includes('after') && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      expect(handled).toEqual(['database-away', 'after']);
      expect(calls).toEqual({ 'database-away': 5, poison: 2, after: 1 });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await away.$disconnect();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [physicalTopic(topic)] });
      await admin.disconnect();
    }
  }, 90_000);
});
