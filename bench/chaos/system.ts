// The chaos run's own copy of Probity: everything `npm start` runs (PostgreSQL, Kafka, Temporal,
// mail sink, OpenID provider, the services), started by the operator's own script
// (infra/probity up) with its own data directory and its own ports. Killing any piece of it —
// its PostgreSQL or its Temporal server too — touches nothing of the running system or of the
// tests beside it, which have their own servers.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(import.meta.dirname, '../..');

/** What the run kills, in turn: each the process that serves, never a launcher in front of it. */
export const PIECES = ['intake', 'allocation', 'notification', 'worker', 'kafka', 'temporal', 'postgres'] as const;
export type Piece = (typeof PIECES)[number];

/** Every port infra/lib.sh knows, moved together into a block of our own. */
const PORT_VARS = [
  'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'KAFKA_PORT', 'KAFKA_CONTROLLER_PORT', 'PGPORT', 'SMTP_PORT', 'MAIL_UI_PORT',
  'SMTP_TEST_PORT', 'MAIL_UI_TEST_PORT', 'INTAKE_PORT', 'ALLOCATION_PORT', 'NOTIFICATION_PORT', 'WORKER_PORT',
  'CASEWORK_PORT', 'OIDC_PORT', 'OIDC_TEST_PORT', 'CASEWORK_TEST_PORT',
] as const;

/** Settings a test run (or the caller's shell) may have set that would point this copy elsewhere. */
const NOT_INHERITED = ['KAFKA_TOPIC_PREFIX', 'KAFKA_GROUP_PREFIX', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TEST_NAMESPACE', 'PROBITY_ENV', 'NODE_ENV', 'OIDC_ISSUER', 'DATABASE_URL', 'KAFKA_BROKERS', 'TEMPORAL_ADDRESS'];

const listenable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/**
 * A block of ports below the kernel's ephemeral range (32768+), where no outgoing connection can
 * take one while its piece is down, and above the fixed ones of infra/lib.sh and /work/ports.sh.
 */
async function portBlock(): Promise<number[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 21_000 + 100 * Math.floor(Math.random() * 110);
    const ports = PORT_VARS.map((_, i) => base + i);
    if ((await Promise.all(ports.map(listenable))).every(Boolean)) return ports;
  }
  throw new Error('no free block of ports between 21000 and 32000');
}

export interface ChaosSystem {
  env: Record<string, string>;
  dataDir: string;
  intakeUrl: string;
  mailUrl: string;
  databaseUrl: string;
  kafkaBrokers: string[];
  temporalAddress: string;
  /** `infra/probity up`: starts what is not running, reuses what is. */
  up(): Promise<void>;
  /** kill -9 of the process that serves the piece (from its pid file); its pid. */
  kill(piece: Piece): Promise<number>;
  /** `infra/probity down`, then its data is removed. */
  down(): Promise<void>;
}

export async function createChaosSystem(run = Date.now().toString(36)): Promise<ChaosSystem> {
  const dataDir = join(ROOT, '.data/chaos', run);
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const block = await portBlock();
  const ports = Object.fromEntries(PORT_VARS.map((v, i) => [v, block[i]!])) as Record<(typeof PORT_VARS)[number], number>;
  const env: Record<string, string> = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !NOT_INHERITED.includes(e[0])),
  );
  for (const v of PORT_VARS) env[v] = String(ports[v]);
  Object.assign(env, {
    PROBITY_DATA_DIR: dataDir,
    DATABASE_URL: `postgresql://probity:probity@127.0.0.1:${ports.PGPORT}/probity`,
    KAFKA_BROKERS: `127.0.0.1:${ports.KAFKA_PORT}`,
    TEMPORAL_ADDRESS: `127.0.0.1:${ports.TEMPORAL_PORT}`,
    // The load comes from one address; the per-IP limiter is not what is under test.
    INTAKE_PUBLIC_RATE_LIMIT: '10000000',
  });

  let ups = 0;
  const script = (args: string[], log: string) =>
    new Promise<void>((resolve, reject) => {
      const out = openSync(join(dataDir, 'logs', log), 'w');
      const child = spawn('bash', [join(ROOT, 'infra/probity'), ...args], { cwd: ROOT, env, stdio: ['ignore', out, out] });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`infra/probity ${args.join(' ')} exited ${code} (log: ${join(dataDir, 'logs', log)})`))));
    });

  return {
    env, dataDir,
    intakeUrl: `http://127.0.0.1:${ports.INTAKE_PORT}`,
    mailUrl: `http://127.0.0.1:${ports.MAIL_UI_PORT}`,
    databaseUrl: env.DATABASE_URL!,
    kafkaBrokers: [env.KAFKA_BROKERS!],
    temporalAddress: env.TEMPORAL_ADDRESS!,
    up: () => script(['up'], `up-${++ups}.log`),
    async kill(piece) {
      const { stdout } = await promisify(execFile)('bash', [join(ROOT, 'infra/probity'), 'pid', piece], { cwd: ROOT, env });
      const pid = Number(stdout.trim());
      if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no pid for ${piece}: ${stdout}`);
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    async down() {
      await script(['down'], 'down.log');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
