// The whole Probity system in one test process: the intake and casework apps (HTTP) with the outbox relay, the
// allocation and notification consumers, and a worker running the real workflows and activities —
// on the real Kafka, Postgres and SMTP sink. Temporal is the time-skipping test server, so a
// test can let weeks pass. Consumer groups are unique to the run and start at new events only.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import express from 'express';
import nodemailer from 'nodemailer';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb, type Db } from '@probity/shared/db/client';
import { seed } from '@probity/shared/db/seed';
import { createKafka, connectProducer, physicalTopic } from '@probity/shared/kafka';
import { dataConverter } from '@probity/shared/temporal/codec';
import { createTimeSkippingEnv } from '@probity/shared/testing/temporal';
import { providerToken, testAuth } from '@probity/shared/testing/oidc';
import { TOPICS } from '@probity/shared/events/topics';
import { createActivities } from '@probity/activities/index';
import { createIntakeApp } from '@probity/intake/app';
import { createCaseworkApp } from '@probity/casework/app';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { createOutboxRelay } from '@probity/shared/outbox/relay';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { startAllocationConsumer } from '@probity/allocation/consumer';
import { startNotificationService } from '@probity/notification/consumer';

export interface Stack {
  env: TestWorkflowEnvironment;
  db: Db;
  kafka: Kafka;
  producer: Producer;
  /** The public intake service: its JSON API and its pages. */
  baseUrl: string;
  /** Where the public pages' "Exit this page" leaves for: a neutral page served here (no network). */
  exitUrl: string;
  /** The staff casework service (its JSON API is under /api). */
  caseworkUrl: string;
  tokenFor(personId: string): Promise<string>;
  /** Stops the allocation consumer and the worker, as if both processes died. */
  killAllocationAndWorker(): Promise<void>;
  /** Starts them again (same consumer group, same task queue). */
  restartAllocationAndWorker(): Promise<void>;
  stop(): Promise<void>;
}

const workflowsPath = fileURLToPath(new URL('../../workflows/src/index.ts', import.meta.url));

/**
 * Commits the group's offsets at the current end of every partition of its topics, so it sees
 * only this run's events, and a restarted member resumes exactly where the group stopped.
 */
async function startGroupAtEnd(kafka: Kafka, groupId: string, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics.map(physicalTopic)) {
      // Concrete offsets: resetOffsets(latest) stores the symbolic -1, which a restart re-resolves.
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}

/** Waits until the consumer's group is stable, so it sees every event produced from now on. */
async function joined(consumer: Consumer): Promise<void> {
  await eventually('consumer group to be stable', async () => ((await consumer.describeGroup()).state === 'Stable' ? true : undefined), 60_000);
}

export async function startStack(): Promise<Stack> {
  const config = loadConfig();
  const log = createLogger('e2e', 'warn');
  const run = randomUUID().slice(0, 8);
  await seed(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  const kafka = createKafka(config.KAFKA_BROKERS, `probity-e2e-${run}`, log);
  const producer = await connectProducer(kafka);
  const env = await createTimeSkippingEnv(config.PAYLOAD_KEY);
  const taskQueue = `e2e-${run}`;

  const startWorker = async () => {
    const w = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
      activities: createActivities({ db, producer, log }),
      dataConverter: dataConverter(config.PAYLOAD_KEY),
    });
    return { worker: w, running: w.run() };
  };
  const startAllocation = () =>
    startAllocationConsumer(
      { db, temporal: env.client, producer, log, taskQueue, caseAllocatedTopic: TOPICS.caseAllocated },
      { kafka, groupId: `e2e-allocation-${run}`, fromBeginning: false },
    );
  await startGroupAtEnd(kafka, `e2e-allocation-${run}`, [TOPICS.caseReceived, TOPICS.allocationRequested]);
  let worker: { worker: Worker; running: Promise<void> } | undefined = await startWorker();
  let allocation: Consumer | undefined = await startAllocation();
  const mailer = nodemailer.createTransport({ host: config.SMTP_HOST, port: config.SMTP_PORT, secure: false, ignoreTLS: true });
  const notificationJoined = startNotificationService({
    kafka, producer, db, mailer, mailFrom: config.MAIL_FROM, log, groupId: `e2e-notification-${run}`, fromBeginning: false,
  });
  const notification = await notificationJoined;
  await Promise.all([joined(allocation), joined(notification.consumer)]);

  const relay = createOutboxRelay({ db, connectProducer: () => connectProducer(kafka), log, idleMs: 200 });
  relay.start();
  const workflows = complaintWorkflows(lazyTemporal(async () => env.client));
  const listen = (app: express.Express): Promise<Server> =>
    new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
  const neutral = await listen(express().get('/weather', (_req, res) => void res.type('html').send('<!doctype html><title>Weather</title><h1>Weather</h1>')));
  const exitUrl = `http://127.0.0.1:${(neutral.address() as AddressInfo).port}/weather`;
  const server = await listen(
    createIntakeApp({
      db, log, caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, publicRateLimit: 1000, rateLimitKey: randomUUID(), outbox: relay, workflows,
      // The public pages, as npm start serves them (plain http on this machine).
      pages: { forceName: config.FORCE_NAME, url: 'http://127.0.0.1', sessionSecret: config.SESSION_SECRET, exitUrl },
    }),
  );
  const casework = await listen(createCaseworkApp({ db, log, auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, outbox: relay, workflows }));

  return {
    env, db, kafka, producer,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exitUrl,
    caseworkUrl: `http://127.0.0.1:${(casework.address() as AddressInfo).port}`,
    tokenFor: (personId) => providerToken(personId),
    async killAllocationAndWorker() {
      await allocation?.disconnect();
      allocation = undefined;
      worker?.worker.shutdown();
      await worker?.running;
      worker = undefined;
    },
    async restartAllocationAndWorker() {
      worker = await startWorker();
      allocation = await startAllocation();
      await joined(allocation);
    },
    async stop() {
      await new Promise((r) => server.close(r));
      await new Promise((r) => neutral.close(r));
      await new Promise((r) => casework.close(r));
      await relay.stop();
      await allocation?.disconnect();
      await notification.stop();
      worker?.worker.shutdown();
      await worker?.running;
      await env.teardown();
      await producer.disconnect();
      mailer.close();
      await db.$disconnect();
    },
  };
}

/** Messages the SMTP sink has received for an address whose subject names the case. */
export async function mailFor(address: string, ref: string): Promise<{ subject: string; text: string; to: string[] }[]> {
  const port = process.env.MAIL_UI_PORT ?? '8025';
  const res = await fetch(`http://127.0.0.1:${port}/api/messages?to=${encodeURIComponent(address)}`);
  const all = (await res.json()) as { subject: string; text: string; to: string[] }[];
  return all.filter((m) => m.subject.includes(ref));
}

/**
 * Polls until the check returns a value (not undefined), within a bounded time: long enough for a
 * consumer group's rebalance when another test's stack stops (the session timeout, 30 s) on a busy
 * machine. It bounds a wait; it measures nothing.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
