import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { createKafka, connectProducer, ensureTopics, physicalTopic, publish } from './kafka';
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
});
