import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb } from '@probity/shared/db/client';
import { TOPICS } from '@probity/shared/events/topics';
import { createKafka, connectProducer } from '@probity/shared/kafka';
import { connectTemporalClient, temporalReady } from '@probity/shared/temporal/connect';
import { createServiceRuntime, runMain } from '@probity/shared/runtime/service';
import { dbReady, kafkaReady } from '@probity/shared/runtime/deps';
import { startAllocationConsumer } from './consumer';

// Allocation: consumes new cases, routes them, starts their workflows and assigns handlers.
const log = createLogger('allocation');

runMain(log, async () => {
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL);
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-allocation`, log);
  const producer = await connectProducer(kafka);
  const temporal = await connectTemporalClient(config);
  const runtime = createServiceRuntime({
    service: 'allocation',
    port: config.ALLOCATION_PORT,
    log,
    readiness: [
      { name: 'postgres', check: dbReady(db) },
      { name: 'kafka', check: kafkaReady(kafka) },
      { name: 'temporal', check: () => temporalReady(temporal) },
    ],
  });
  runtime.onShutdown('temporal', () => temporal.connection.close());
  runtime.onShutdown('kafka-producer', () => producer.disconnect());
  runtime.onShutdown('postgres', () => db.$disconnect());
  const consumer = await startAllocationConsumer(
    { db, temporal, producer, log, taskQueue: config.TEMPORAL_TASK_QUEUE, caseAllocatedTopic: TOPICS.caseAllocated },
    { kafka, metrics: runtime.metrics },
  );
  // Registered last, so it runs first: stop taking events before their dependencies close.
  runtime.onShutdown('kafka-consumer', () => consumer.disconnect());
  await runtime.listen();
});
