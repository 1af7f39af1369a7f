import nodemailer from 'nodemailer';
import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb } from '@probity/shared/db/client';
import { createKafka, connectProducer } from '@probity/shared/kafka';
import { createServiceRuntime, runMain } from '@probity/shared/runtime/service';
import { dbReady, kafkaReady, smtpReady } from '@probity/shared/runtime/deps';

// Notification: turns deadline, breach, escalation, update-due and outcome events into email
// and in-app notifications.
const log = createLogger('notification');

runMain(log, async () => {
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL);
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-notification`, log);
  const producer = await connectProducer(kafka);
  const smtp = nodemailer.createTransport({ host: config.SMTP_HOST, port: config.SMTP_PORT, secure: false, ignoreTLS: true });
  const runtime = createServiceRuntime({
    service: 'notification',
    port: config.NOTIFICATION_PORT,
    log,
    readiness: [
      { name: 'postgres', check: dbReady(db) },
      { name: 'kafka', check: kafkaReady(kafka) },
      { name: 'smtp', check: smtpReady(smtp) },
    ],
  });
  runtime.onShutdown('smtp', async () => smtp.close());
  runtime.onShutdown('kafka-producer', () => producer.disconnect());
  runtime.onShutdown('postgres', () => db.$disconnect());
  await runtime.listen();
});
