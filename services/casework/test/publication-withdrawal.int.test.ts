// Withdrawing a published misconduct hearing outcome before its period ends, on the portal and the
// JSON API, against the real Postgres, Temporal (the real publication workflow and activities on a
// worker of this run), Kafka and the tests' OpenID provider: a PSD manager gives the reason and the
// public page stops listing it at once; a reason naming someone is refused beside the field, a
// handler is not allowed, and a second withdrawal is refused with why.
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { createActivities } from '@probity/activities/index';
import { startPublicationWorkflow } from '@probity/activities/publication';
import type { CookieJar } from '@probity/shared/auth/cookie-jar';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { addCalendarDays, londonDateOf } from '@probity/shared/domain/index';
import { connectProducer, createKafka } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { currentPublications } from '@probity/shared/publication/publication-list';
import { dataConverter } from '@probity/shared/temporal/codec';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { bearerFor, testAuth } from '@probity/shared/testing/oidc';
import { pageAs, portalSession } from '@probity/shared/testing/portal-session';
import { uniqueId } from '@probity/shared/testing/temporal';
import { conductWorkflows } from '../src/conduct/conduct-workflows';
import { createCaseworkApp } from '../src/app';

const config = loadConfig();
const log = createLogger('publication-withdrawal-test', 'silent');
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('pubw');
const taskQueue = `${run}-publication`;
const base = config.CASEWORK_URL;
// Conduct references: CM-<year>-<six digits or more>; this run's own numbers.
const seq = Date.now() % 1_000_000_000;
const refOf = (i: number) => `CM-2026-${String(seq * 10 + i).padStart(10, '0')}`;
const day = (n: number) => new Date(`${addCalendarDays(londonDateOf(Date.now()), n)}T00:00:00.000Z`);

let server: Server;
let worker: Worker;
let running: Promise<void>;
let producer: Producer;
const sessions = new Map<string, CookieJar>();
const session = async (id: string) => {
  if (!sessions.has(id)) sessions.set(id, await portalSession(base, id));
  return sessions.get(id)!;
};

/** A conduct case with its hearing outcome published today for 28 days, and its publication workflow. */
async function published(i: number) {
  const caseId = `${run}-case-${i}`;
  const ref = refOf(i);
  await db.case.create({ data: { id: caseId, ref, kind: 'conduct', channel: 'internal', stage: 'retained', receivedAt: new Date(), division: 'north', publicTokenHash: run, complainant: {}, incident: {}, subjects: [] } });
  await db.publication.create({
    data: {
      caseId, ref, officerName: `PC ${run} Withdrawn`, subjectKind: 'officer', subjectRank: 'constable', form: 'misconduct-hearing', finding: 'gross-misconduct',
      sanction: 'dismissal-without-notice', standards: ['honesty-and-integrity'], outcomeOn: day(-3), publishFrom: day(-3), withdrawOn: day(25),
    },
  });
  await startPublicationWorkflow(await temporal.get(), taskQueue, { caseId, ref, publishFrom: addCalendarDays(londonDateOf(Date.now()), -3), withdrawOn: addCalendarDays(londonDateOf(Date.now()), 25) });
  for (let n = 0; n < 100; n++) {
    if ((await db.publication.findUniqueOrThrow({ where: { caseId } })).status === 'published') return { caseId, ref };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${ref} was not published`);
}

async function post(jar: CookieJar, path: string, fields: Record<string, string>) {
  const url = new URL(path, base);
  const csrf = /name="_csrf" value="([^"]+)"/.exec((await pageAs(jar, url)).html)?.[1] ?? '';
  const res = await jar.fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, ...fields }) });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

const listed = async (ref: string) => (await currentPublications(db)).some((p) => p.ref === ref);

beforeAll(async () => {
  producer = await connectProducer(createKafka(config.KAFKA_BROKERS, `${run}-producer`));
  worker = await Worker.create({
    connection: await connectWorkerConnection(config),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../../workflows/src/index.ts', import.meta.url)),
    activities: createActivities({ db, producer, log }),
    dataConverter: dataConverter(config.PAYLOAD_KEY),
  });
  running = worker.run();
  const app = createCaseworkApp({
    db, log, auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows: complaintWorkflows(temporal), conductWorkflows: conductWorkflows(temporal), portal: config,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.CASEWORK_PORT, '127.0.0.1', () => resolve(s));
  });
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  worker?.shutdown();
  await running;
  await producer?.disconnect();
  await db.auditEntry.deleteMany({ where: { caseId: { startsWith: run } } });
  await db.publication.deleteMany({ where: { caseId: { startsWith: run } } });
  await db.case.deleteMany({ where: { id: { startsWith: run } } });
  await temporal.close();
  await db.$disconnect();
});

describe('withdrawing a published hearing outcome early', () => {
  it('a PSD manager withdraws it on its page with the reason; the public page stops listing it at once; a name in the reason and a handler are refused', async () => {
    const { caseId, ref } = await published(1);
    expect(await listed(ref)).toBe(true);
    const path = `/cases/${ref}/publication/withdraw`;

    const handler = await session('psd-handler-1');
    expect((await pageAs(handler, new URL(path, base))).status).toBe(403);

    const manager = await session('psd-manager');
    const page = await pageAs(manager, new URL(path, base));
    expect(page.status).toBe(200);
    expect(page.html).toContain('Withdraw the published hearing outcome early');

    const short = await post(manager, path, { reason: 'appeal' });
    expect(short.status).toBe(400);
    expect(short.html).toMatch(/at least 10 characters/);
    const named = await post(manager, path, { reason: 'Withdrawn because Inspector Jones won the appeal for the officer.' });
    expect(named.status).toBe(400);
    expect(named.html).toMatch(/must not identify anyone: remove/);
    expect(await listed(ref)).toBe(true);

    const done = await post(manager, path, { reason: 'The police appeals tribunal allowed the appeal.' });
    expect(done).toMatchObject({ status: 303, location: path });
    // At once: the public page's own query no longer lists it.
    expect(await listed(ref)).toBe(false);
    expect(await db.publication.findUniqueOrThrow({ where: { caseId } })).toMatchObject({ status: 'withdrawn', withdrawnBecause: 'The police appeals tribunal allowed the appeal.', withdrawnById: 'psd-manager' });
    expect(await db.auditEntry.count({ where: { caseId, action: 'publication-withdrawn-early', actorId: 'psd-manager' } })).toBe(1);
    const after = await pageAs(manager, new URL(path, base));
    expect(after.html).toContain('The public page no longer lists this outcome');
    expect(after.html).not.toContain('id="withdraw-publication"');
    // The workforce's page lists it as withdrawn, early, with the reason.
    const workforce = await pageAs(await session('psd-handler-1'), new URL('/workforce/hearing-outcomes', base));
    const withdrawn = /<table[^>]*id="withdrawn"[\s\S]*?<\/table>/.exec(workforce.html)?.[0] ?? '';
    expect(withdrawn).toContain(ref);
    expect(withdrawn).toContain('Withdrawn early: The police appeals tribunal allowed the appeal.');
  });

  it('POST /api/cases/:ref/publication/withdrawal: 200 withdrawn; a second is a 409 with why; a handler gets the rule as a 409; no reason is a 400 naming the field', async () => {
    const { ref } = await published(2);
    const url = `${base}/api/cases/${ref}/publication/withdrawal`;
    const call = async (as: string, body: unknown) => {
      const res = await fetch(url, { method: 'POST', headers: { ...(await bearerFor(as)), 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const missing = await call('psd-manager', {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('"field":"reason"');
    expect(await call('psd-handler-1', { reason: 'A court ordered it taken down.' })).toMatchObject({ status: 409, body: { error: 'withdrawal_refused', message: expect.stringMatching(/only a PSD manager or the head of PSD/) } });
    const ok = await call('head-of-psd', { reason: 'A court ordered it taken down.' });
    expect(ok).toMatchObject({ status: 200, body: { ref, status: 'withdrawn', withdrawnEarly: true } });
    expect(await listed(ref)).toBe(false);
    expect(await call('psd-manager', { reason: 'A court ordered it taken down.' })).toMatchObject({ status: 409, body: { error: 'withdrawal_refused', message: expect.stringMatching(/already withdrawn/) } });
    const none = await fetch(`${base}/api/cases/CM-2026-000000000/publication/withdrawal`, { method: 'POST', headers: { ...(await bearerFor('psd-manager')), 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'A court ordered it taken down.' }) });
    expect(none.status).toBe(404);
  });
});
