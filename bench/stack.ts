// The benchmarks' own copy of Probity, beside the running system on the same infrastructure but
// sharing none of its data: database probity_bench (made afresh), Temporal namespace
// probity-bench-<run> (deleted afterwards), topic and consumer-group prefix "bench.", its own
// mail sink, OpenID provider and ports. The services are the compiled ones (dist/), run by node as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { Connection, Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig, type Config } from '../shared/src/config';
import { migrate } from '../shared/src/db/migrate';
import { seed } from '../shared/src/db/seed';
import { createDb, type Db } from '../shared/src/db/client';
import { createKafka, ensureTopics } from '../shared/src/kafka';
import { ensureNamespace } from '../shared/src/temporal/namespace';
import { dataConverter } from '../shared/src/temporal/codec';
import { runsWithServiceRuntime, serviceRuntimeEnv } from '../infra/service-runtime';

export const ROOT = join(import.meta.dirname, '..');
const LOGS = join(ROOT, '.data/bench/logs');
export const SERVICES = ['intake', 'casework', 'allocation', 'notification', 'worker'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process, in MiB (from /proc: Linux only). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU seconds (user + system) a process has used so far (from /proc: Linux only). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function waitHttp(url: string, what: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${what} not ready at ${url} within ${timeoutMs / 1000}s (logs: ${LOGS})`);
}

export interface BenchStack {
  config: Config;
  env: Record<string, string>;
  namespace: string;
  taskQueue: string;
  db: Db;
  client: Client;
  nativeConnection: NativeConnection;
  ports: Record<ServiceName, number> & { mailUi: number; oidc: number };
  pids: Partial<Record<ServiceName | 'mailsink' | 'oidc', number>>;
  /** The bench's OpenID provider, which issues the people's access tokens. */
  issuer: string;
  start(name: ServiceName, extraEnv?: Record<string, string>, nodeArgs?: string[]): Promise<void>;
  stop(name: ServiceName): Promise<void>;
  url(name: ServiceName, path: string): string;
  close(): Promise<void>;
}

export async function createBenchStack(): Promise<BenchStack> {
  const base = loadConfig();
  const run = Date.now().toString(36);
  const namespace = `probity-bench-${run}`;
  const taskQueue = 'probity-bench';
  const dbUrl = new URL(base.DATABASE_URL);
  dbUrl.pathname = '/probity_bench';
  const databaseUrl = dbUrl.toString();

  // A fresh database each run: the figures never depend on what an earlier run left.
  const admin = new pg.Client({ connectionString: base.DATABASE_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS probity_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE probity_bench');
  await admin.end();
  await migrate(databaseUrl);
  await seed(databaseUrl);

  // Fresh topics too: a new consumer group starts at the oldest event, and the last run's events
  // name cases this database no longer has.
  process.env.KAFKA_TOPIC_PREFIX = 'bench.';
  const kafka = createKafka(base.KAFKA_BROKERS, 'probity-bench-admin');
  const kadmin = kafka.admin();
  await kadmin.connect();
  const old = (await kadmin.listTopics()).filter((t) => t.startsWith('bench.'));
  if (old.length) await kadmin.deleteTopics({ topics: old, timeout: 30_000 });
  await kadmin.disconnect();
  for (let i = 0; ; i++) {
    try {
      await ensureTopics(kafka);
      break;
    } catch (err) {
      // A topic being deleted cannot be created again until the broker has finished.
      if (i >= 40) throw err;
      await sleep(500);
    }
  }
  const connection = await Connection.connect({ address: base.TEMPORAL_ADDRESS });
  await ensureNamespace(connection, namespace, 1);
  const client = new Client({ connection, namespace, dataConverter: dataConverter(base.PAYLOAD_KEY) });
  const nativeConnection = await NativeConnection.connect({ address: base.TEMPORAL_ADDRESS });

  const ports = {
    intake: await freePort(), casework: await freePort(), allocation: await freePort(), notification: await freePort(), worker: await freePort(),
    mailUi: await freePort(), oidc: await freePort(),
  };
  const issuer = `http://127.0.0.1:${ports.oidc}`;
  const smtpPort = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    PROBITY_ENV: 'development',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    KAFKA_TOPIC_PREFIX: 'bench.',
    KAFKA_GROUP_PREFIX: `bench-${run}.`,
    SMTP_PORT: String(smtpPort),
    MAIL_UI_PORT: String(ports.mailUi),
    INTAKE_PORT: String(ports.intake),
    CASEWORK_PORT: String(ports.casework),
    OIDC_PORT: String(ports.oidc),
    OIDC_ISSUER: issuer,
    ALLOCATION_PORT: String(ports.allocation),
    NOTIFICATION_PORT: String(ports.notification),
    WORKER_PORT: String(ports.worker),
    // Measure throughput, not the per-IP limiter (the bench sends from one address).
    INTAKE_PUBLIC_RATE_LIMIT: '10000000',
  };
  mkdirSync(LOGS, { recursive: true });
  const children = new Map<string, ChildProcess>();
  // However the bench ends, its services end with it.
  process.once('exit', () => {
    for (const c of children.values()) if (c.exitCode === null) c.kill('SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  const pids: BenchStack['pids'] = {};

  const launch = (name: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}) => {
    const out = openSync(join(LOGS, `${name}.log`), 'w');
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', out, out] });
    children.set(name, child);
    pids[name as ServiceName] = child.pid;
    return child;
  };

  // The bench's own mail sink (a development tool, run from source).
  // node --import tsx: one process (the tsx CLI would put a wrapper in front of it).
  launch('mailsink', 'node', ['--import', 'tsx', 'infra/mailsink/main.ts'], { PROBITY_DATA_DIR: join(ROOT, `.data/bench/mail-${run}`) });
  await waitHttp(`http://127.0.0.1:${ports.mailUi}/api/messages?to=nobody`, 'bench mail sink');
  // The bench's own OpenID provider, over the bench's Person register (a development tool).
  launch('oidc', 'node', ['--import', 'tsx', 'infra/oidc/main.ts'], { CASEWORK_URL: `http://127.0.0.1:${ports.casework}`, PROBITY_DATA_DIR: join(ROOT, `.data/bench/oidc-${run}`) });
  await waitHttp(`${issuer}/.well-known/openid-configuration`, 'bench OpenID provider');

  const stack: BenchStack = {
    config: { ...base, DATABASE_URL: databaseUrl, TEMPORAL_NAMESPACE: namespace, TEMPORAL_TASK_QUEUE: taskQueue },
    env, namespace, taskQueue, issuer,
    db: createDb(databaseUrl),
    client, nativeConnection, ports, pids,
    url: (name, path) => `http://127.0.0.1:${ports[name]}${path}`,
    async start(name, extraEnv, nodeArgs = []) {
      // As infra/lib.sh start_service runs them: the services' runtime settings, the worker without.
      const runtime = runsWithServiceRuntime(name) ? serviceRuntimeEnv() : {};
      launch(name, 'node', [...nodeArgs, '--enable-source-maps', join(ROOT, `dist/${name}/main.js`)], { ...runtime, ...extraEnv });
      await waitHttp(stack.url(name, '/readyz'), `bench ${name}`);
    },
    async stop(name) {
      const child = children.get(name);
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000).then(() => child.kill('SIGKILL'))]);
      children.delete(name);
    },
    async close() {
      for (const name of [...children.keys()].reverse()) await stack.stop(name as ServiceName);
      await stack.db.$disconnect();
      await nativeConnection.close();
      // The namespace and its workflows go; the server deletes them in the background.
      await connection.operatorService.deleteNamespace({ namespace }).catch(() => undefined);
      await connection.close();
    },
  };
  return stack;
}
