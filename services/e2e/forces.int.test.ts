// One deployment for many forces: two forces' stacks — the real compiled services and the same
// one-shot steps docker-compose.yml and the Helm chart run — side by side on the same Temporal
// server, Kafka broker and PostgreSQL server, each force with its own database, Temporal namespace
// (same task queue name in both), topic and consumer-group prefix, keys and OpenID provider. A
// complaint filed with each force must stay in that force: cases, references, tasks,
// notifications, workflows and events — and what each force's staff see through its casework
// API (inbox, case records, statistics).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { Connection } from '@temporalio/client';
import { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@probity/shared/config';
import { tokenFromLocalProvider } from '@probity/shared/auth/local-provider-sign-in';
import { eventually } from './stack';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const base = loadConfig();
const tag = randomUUID().slice(0, 6);
// The provider first: casework is ready only once it answers.
const SERVICES = ['oidc', 'intake', 'allocation', 'notification', 'worker', 'casework'] as const;
const SERVICE_MAIN: Record<(typeof SERVICES)[number], string> = {
  oidc: 'dist/oidc/main.js', intake: 'dist/intake/main.js', allocation: 'dist/allocation/main.js',
  notification: 'dist/notification/main.js', worker: 'dist/worker/main.js', casework: 'dist/casework/main.js',
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

interface Force {
  id: string;
  db: string;
  env: Record<string, string>;
  procs: ChildProcess[];
  intakeUrl: string;
  caseworkUrl: string;
  issuer: string;
  filed: { id: string; ref: string }[];
}

function dbUrl(name: string) {
  const u = new URL(base.DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function makeForce(id: string): Promise<Force> {
  // A database of its own for this run (dropped afterwards), so reference numbers start alike.
  const db = `probity_force_${id}_${tag}`;
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [`${s.toUpperCase()}_PORT`, String(await freePort())])));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...ports,
    PROBITY_ENV: 'test',
    LOG_LEVEL: 'warn',
    FORCE_NAME: `${id} Police`,
    DATABASE_URL: dbUrl(db),
    TEMPORAL_NAMESPACE: `probity-force-${id}-${tag}`,
    KAFKA_TOPIC_PREFIX: `force-${id}-${tag}.`,
    KAFKA_GROUP_PREFIX: `force-${id}-${tag}.`,
    KAFKA_CLIENT_ID: `probity-${id}`,
    // Each force's own keys.
    PAYLOAD_KEY: randomBytes(32).toString('hex'),
    PAYLOAD_KEY_ID: `${id}-1`,
    SESSION_SECRET: randomBytes(24).toString('hex'),
    CASE_TOKEN_SEAL_SECRET: randomBytes(24).toString('hex'),
    INTAKE_PUBLIC_RATE_LIMIT: '1000',
    // Its own identity provider (the local one, on its own port and keys, over its own Person register).
    OIDC_ISSUER: `http://127.0.0.1:${ports['OIDC_PORT']}`,
    PROBITY_DATA_DIR: join(ROOT, '.data', `force-${id}-${tag}`),
    OIDC_CLIENT_SECRET: randomBytes(24).toString('hex'),
  };
  return {
    id, db, env, procs: [], filed: [],
    intakeUrl: `http://127.0.0.1:${ports['INTAKE_PORT']}`,
    caseworkUrl: `http://127.0.0.1:${ports['CASEWORK_PORT']}`,
    issuer: env['OIDC_ISSUER']!,
  };
}

async function bootstrap(f: Force) {
  const admin = new pg.Client({ connectionString: base.DATABASE_URL });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [f.db]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${f.db}`);
  } finally {
    await admin.end();
  }
  // The same steps, in the same order, as the compose jobs and the chart's hooks.
  for (const tool of ['migrate', 'seed', 'temporal-namespaces', 'create-topics']) {
    await run('node', [`dist/tools/${tool}.js`], { cwd: ROOT, env: f.env, timeout: 120_000 });
  }
  for (const s of SERVICES) {
    const p = spawn('node', [SERVICE_MAIN[s]], { cwd: ROOT, env: f.env, stdio: ['ignore', 'ignore', 'inherit'] });
    f.procs.push(p);
  }
  for (const s of SERVICES) {
    const port = f.env[`${s.toUpperCase()}_PORT`];
    const probe = s === 'oidc' ? 'healthz' : 'readyz';
    await eventually(`${f.id} ${s} ready`, async () => ((await fetch(`http://127.0.0.1:${port}/${probe}`).catch(() => undefined))?.ok ? true : undefined), 120_000);
  }
}

async function file(f: Force, what: string) {
  const res = await fetch(`${f.intakeUrl}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      complainant: { name: `${f.id} Complainant`, email: `${f.id}-${tag}@example.test`, preferredContact: 'email' },
      incident: { what, when: new Date(Date.now() - 86_400_000).toISOString(), where: `${f.id} High Street` },
      subjects: [{ team: 'north-response', division: 'north' }],
      channel: 'web',
      allegations: [{ category: 'individual-behaviours', description: `rude (${f.id})` }],
    }),
  });
  expect(res.status).toBe(202);
  const body = (await res.json()) as { ref: string };
  const q = new pg.Client({ connectionString: f.env['DATABASE_URL'] });
  await q.connect();
  try {
    const row = await q.query<{ id: string }>('SELECT id FROM "Case" WHERE ref = $1', [body.ref]);
    f.filed.push({ id: row.rows[0]!.id, ref: body.ref });
  } finally {
    await q.end();
  }
}

async function query<T extends pg.QueryResultRow>(f: Force, sql: string, params: unknown[] = []): Promise<T[]> {
  const q = new pg.Client({ connectionString: f.env['DATABASE_URL'] });
  await q.connect();
  try {
    return (await q.query<T>(sql, params)).rows;
  } finally {
    await q.end();
  }
}

const forces: Force[] = [];

beforeAll(async () => {
  await run(join(ROOT, 'node_modules/.bin/tsx'), ['infra/build.ts'], { cwd: ROOT });
  for (const id of ['alpha', 'bravo']) {
    const f = await makeForce(id);
    forces.push(f);
    await bootstrap(f);
  }
}, 600_000);

afterAll(async () => {
  for (const p of forces.flatMap((f) => f.procs)) {
    p.kill('SIGTERM');
    await new Promise((r) => (p.exitCode !== null ? r(undefined) : p.once('exit', r)));
  }
  const kafka = new Kafka({ brokers: base.KAFKA_BROKERS, clientId: `forces-test-${tag}` }).admin();
  await kafka.connect();
  const admin = new pg.Client({ connectionString: base.DATABASE_URL });
  await admin.connect();
  try {
    const topics = (await kafka.listTopics()).filter((t) => forces.some((f) => t.startsWith(f.env['KAFKA_TOPIC_PREFIX']!)));
    if (topics.length) await kafka.deleteTopics({ topics });
    for (const f of forces) await admin.query(`DROP DATABASE IF EXISTS ${f.db} WITH (FORCE)`);
    for (const f of forces) await rm(f.env['PROBITY_DATA_DIR']!, { recursive: true, force: true });
  } finally {
    await kafka.disconnect();
    await admin.end();
  }
}, 120_000);

describe('two forces on one Temporal server, broker and Postgres', () => {
  it('keep their cases, references, tasks, notifications, workflows and events apart', async () => {
    const [alpha, bravo] = forces as [Force, Force];
    await file(alpha, 'Alpha force: an officer was rude.');
    await file(alpha, 'Alpha force: a second complaint.');
    await file(bravo, 'Bravo force: an officer refused their number.');

    // References: each force numbers its own cases (bravo's first is not moved on by alpha's two).
    expect(bravo.filed[0]!.ref).toBe(alpha.filed[0]!.ref);
    expect(alpha.filed[1]!.ref).not.toBe(alpha.filed[0]!.ref);

    // Each case goes through its own force's outbox → topics → allocation → workflow → task.
    for (const f of forces) {
      for (const c of f.filed) {
        await eventually(`${f.id} ${c.ref} first-contact task`, async () =>
          (await query(f, 'SELECT 1 FROM "Task" WHERE "caseId" = $1', [c.id])).length ? true : undefined, 180_000);
        await eventually(`${f.id} ${c.ref} task notification`, async () =>
          (await query(f, 'SELECT 1 FROM "Notification" WHERE "caseRef" = $1', [c.ref])).length ? true : undefined, 120_000);
      }
    }

    const connection = await Connection.connect({ address: base.TEMPORAL_ADDRESS });
    const kafka = new Kafka({ brokers: base.KAFKA_BROKERS, clientId: `forces-test-${tag}` });
    try {
      for (const [mine, other] of [[alpha, bravo], [bravo, alpha]] as const) {
        const myIds = new Set(mine.filed.map((c) => c.id));
        const otherIds = other.filed.map((c) => c.id);
        // Cases: this force's are here (beside its demo data), the other force's are not.
        const cases = await query<{ id: string }>(mine, 'SELECT id FROM "Case" WHERE id = ANY($1)', [[...myIds, ...otherIds]]);
        expect(new Set(cases.map((c) => c.id))).toEqual(myIds);
        expect(await query(mine, 'SELECT 1 FROM "Allegation" WHERE description LIKE $1', [`%(${other.id})%`])).toHaveLength(0);
        // Tasks and notifications: only for this force's cases.
        const tasks = await query<{ caseId: string; workflowId: string }>(mine, 'SELECT "caseId", "workflowId" FROM "Task" WHERE "caseId" = ANY($1)', [[...myIds, ...otherIds]]);
        expect(new Set(tasks.map((t) => t.caseId))).toEqual(myIds);
        // Statistics are counted from this database: its complaints received are its own.
        const received = await query<{ n: string }>(mine, 'SELECT count(*) AS n FROM "Case" c JOIN "Allegation" a ON a."caseId" = c.id WHERE a.description LIKE $1', [`%(${mine.id})%`]);
        expect(Number(received[0]!.n)).toBe(mine.filed.length);
        // Workflows: each case's run is in this force's namespace; the other namespace never has that run.
        for (const t of tasks) {
          const here = await connection.workflowService.describeWorkflowExecution({ namespace: mine.env['TEMPORAL_NAMESPACE']!, execution: { workflowId: t.workflowId } });
          const there = await connection.workflowService
            .describeWorkflowExecution({ namespace: other.env['TEMPORAL_NAMESPACE']!, execution: { workflowId: t.workflowId } })
            .catch(() => undefined);
          expect(there?.workflowExecutionInfo?.execution?.runId).not.toBe(here.workflowExecutionInfo?.execution?.runId);
        }
        // Events: this force's topics carry only its own cases.
        const topic = `${mine.env['KAFKA_TOPIC_PREFIX']}case.received`;
        const admin = kafka.admin();
        await admin.connect();
        const offsets = await admin.fetchTopicOffsets(topic);
        await admin.disconnect();
        const total = offsets.reduce((n, p) => n + Number(p.high), 0);
        expect(total).toBe(mine.filed.length);
        const consumer = kafka.consumer({ groupId: `forces-test-${mine.id}-${tag}` });
        const subjects: string[] = [];
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({ eachMessage: async ({ message }) => void subjects.push((JSON.parse(message.value!.toString()) as { subject: string }).subject) });
        await eventually(`${topic} read`, async () => (subjects.length >= total ? true : undefined), 60_000);
        await consumer.disconnect();
        expect(new Set(subjects)).toEqual(myIds);
      }
    } finally {
      await connection.close();
    }
  }, 600_000);

  it("show each force's staff, through its own casework API and provider, none of the other force's cases, tasks or statistics", async () => {
    const [alpha, bravo] = forces as [Force, Force];
    const signIn = (f: Force, personId: string) => tokenFromLocalProvider({ issuer: f.issuer, personId }).then((t) => t.accessToken);
    const api = async <T>(f: Force, token: string, path: string): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${f.caseworkUrl}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      if (!res.headers.get('content-type')?.includes('json')) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
      return { status: res.status, body: JSON.parse(text) as T };
    };
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const loggedToday = async (f: Force) => {
      const manager = await signIn(f, 'psd-manager');
      const res = await api<{ total: number; cases: { ref: string }[] }>(f, manager, `/statistics/cases?figure=logged&from=${today}&to=${today}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    for (const [mine, other] of [[alpha, bravo], [bravo, alpha]] as const) {
      const otherIds = new Set(other.filed.map((c) => c.id));
      // The handler allocation gave this force's first case to (the first test saw its task made).
      const [task] = await query<{ assigneeId: string }>(mine, 'SELECT "assigneeId" FROM "Task" WHERE "caseId" = $1', [mine.filed[0]!.id]);
      const handler = await signIn(mine, task!.assigneeId);

      // Inbox: this force's tasks only.
      const inbox = await api<{ tasks: { caseId: string; caseRef: string }[] }>(mine, handler, '/me/tasks?limit=100');
      expect(inbox.status).toBe(200);
      expect(inbox.body.tasks.map((t) => t.caseId)).toContain(mine.filed[0]!.id);
      expect(inbox.body.tasks.filter((t) => otherIds.has(t.caseId))).toEqual([]);

      // Case records: the other force's references are looked up among this force's own cases —
      // the same number is this force's own case (numbering starts alike), a number it never
      // reached is not found. Never the other force's case or its words.
      for (const c of other.filed) {
        const res = await api<{ id?: string }>(mine, handler, `/cases/${c.ref}`);
        const text = JSON.stringify(res.body);
        expect(text).not.toContain(other.id === 'alpha' ? 'Alpha force' : 'Bravo force');
        expect(text).not.toContain(c.id);
        if (mine.filed.some((m) => m.ref === c.ref)) expect(res.status).not.toBe(404);
        else expect(res.status).toBe(404);
      }

      // A token from the other force's provider is no key to this force's API.
      const stranger = await signIn(other, 'psd-manager');
      expect((await api(mine, stranger, '/me/tasks')).status).toBe(401);
    }

    // Statistics: each force's figures count its own complaints only (the demo records are alike).
    const [a, b] = [await loggedToday(alpha), await loggedToday(bravo)];
    expect(a.total - b.total).toBe(alpha.filed.length - bravo.filed.length);
    for (const [f, figures] of [[alpha, a], [bravo, b]] as const) {
      expect(figures.cases.map((c) => c.ref)).toEqual(expect.arrayContaining(f.filed.map((c) => c.ref)));
    }
    expect(b.cases.map((c) => c.ref)).not.toContain(alpha.filed[1]!.ref);
  }, 300_000);
});
