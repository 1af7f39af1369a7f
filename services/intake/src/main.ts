import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb } from '@probity/shared/db/client';
import { createKafka, connectProducer } from '@probity/shared/kafka';
import { createServiceRuntime, runMain } from '@probity/shared/runtime/service';
import { dbReady, kafkaReady } from '@probity/shared/runtime/deps';

// Intake: the HTTP front door for complaints and conduct matters.
const log = createLogger('intake');

runMain(log, async () => {
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL);
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-intake`, log);
  const producer = await connectProducer(kafka);
  const runtime = createServiceRuntime({
    service: 'intake',
    port: config.INTAKE_PORT,
    log,
    readiness: [
      { name: 'postgres', check: dbReady(db) },
      { name: 'kafka', check: kafkaReady(kafka) },
    ],
  });
  runtime.onShutdown('kafka-producer', () => producer.disconnect());
  runtime.onShutdown('postgres', () => db.$disconnect());
  await runtime.listen();
});
