import type { Transporter } from 'nodemailer';
import type { Kafka } from 'kafkajs';
import type { Db } from '../db/client';

// Readiness probes against the real dependencies, shared by the services.
export const dbReady = (db: Db) => () => db.$queryRaw`SELECT 1`;

export const kafkaReady = (kafka: Kafka) => async () => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
};

export const smtpReady = (transport: Transporter) => () => transport.verify();
