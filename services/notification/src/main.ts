import express from 'express';
import nodemailer from 'nodemailer';
import { verifierFromConfig } from '@probity/shared/auth/verifier-from-config';
import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb } from '@probity/shared/db/client';
import { createKafka, connectProducer } from '@probity/shared/kafka';
import { createServiceRuntime, runMain } from '@probity/shared/runtime/service';
import { dbReady, kafkaReady, smtpReady } from '@probity/shared/runtime/deps';
import { smtpTransportOptions } from '@probity/shared/notifications/smtp-transport';
import { createNotificationRouter } from './api';
import { startNotificationService } from './consumer';
import { startDeadLetterAlerts } from './dead-letter-alerts';

// Notification: turns deadline, breach, escalation, update-due, outcome, review-window and
// policy-review events into email and in-app notifications, and serves the in-app list.
const log = createLogger('notification');

runMain(log, async () => {
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL);
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-notification`, log);
  const producer = await connectProducer(kafka);
  const smtp = nodemailer.createTransport(smtpTransportOptions(config));
  const app = express();
  const runtime = createServiceRuntime({
    service: 'notification',
    port: config.NOTIFICATION_PORT,
    log,
    app,
    readiness: [
      { name: 'postgres', check: dbReady(db) },
      { name: 'kafka', check: kafkaReady(kafka) },
      { name: 'smtp', check: smtpReady(smtp) },
    ],
  });
  // After the runtime's own routes: the API ends with its 404 for everything else.
  app.use(createNotificationRouter({ db, auth: { verifier: verifierFromConfig(config), db }, log }));
  // Shutdown runs in reverse: the consumer leaves its group first, then producer, SMTP, Postgres.
  runtime.onShutdown('postgres', () => db.$disconnect());
  runtime.onShutdown('smtp', async () => smtp.close());
  runtime.onShutdown('kafka-producer', () => producer.disconnect());
  const service = await startNotificationService({
    kafka,
    producer,
    db,
    mailer: smtp,
    mailFrom: config.MAIL_FROM,
    log,
    metrics: runtime.metrics,
  });
  runtime.onShutdown('kafka-consumer', () => service.stop());
  // Every parked event is counted and raises an alert to the PSD manager and ops.
  const deadLetters = await startDeadLetterAlerts({ kafka, producer, log, metrics: runtime.metrics });
  runtime.onShutdown('dead-letter-alerts', () => deadLetters.stop());
  await runtime.listen();
});
