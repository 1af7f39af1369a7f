import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { loadConfig } from '@probity/shared/config';
import { connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter } from '@probity/shared/temporal/codec';
import { uniqueId } from '@probity/shared/testing/temporal';
import { checkBundleModules } from '@probity/worker/workflow-bundle';

// The build (infra/build.ts) as npm start, the Docker image and CI use it, and the way
// infra/probity runs what it built.
const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const bundle = join(root, 'dist/worker/workflow-bundle.js');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

const portOpen = (port: number) =>
  fetch(`http://127.0.0.1:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );

beforeAll(async () => {
  await run(join(root, 'node_modules/.bin/tsx'), ['infra/build.ts'], { cwd: root });
});

describe('npm run build', () => {
  it('compiles every services/*/src/main.ts to dist/<service>/main.js', () => {
    const services = readdirSync(join(root, 'services')).filter((s) => existsSync(join(root, 'services', s, 'src/main.ts')));
    expect(services).toEqual(expect.arrayContaining(['intake', 'allocation', 'notification', 'worker']));
    for (const s of services) expect(existsSync(join(root, 'dist', s, 'main.js')), s).toBe(true);
  });

  it('builds a workflow bundle of workflow code only, that a worker loads as it is', async () => {
    const { modules } = JSON.parse(readFileSync(`${bundle}.inputs.json`, 'utf8')) as { modules: string[] };
    expect(modules).toContain('workflows/src/index.ts');
    expect(() => checkBundleModules(modules)).not.toThrow();
    const config = loadConfig();
    const connection = await connectWorkerConnection(config);
    try {
      const worker = await Worker.create({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: uniqueId('bundle-check'),
        workflowBundle: { codePath: bundle },
        dataConverter: dataConverter(config.PAYLOAD_KEY),
      });
      await worker.runUntil(async () => expect(worker.getState()).toBe('RUNNING'));
    } finally {
      await connection.close();
    }
  });
});

describe('a service started by infra/probity', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'probity-pid-'));
  let pid: number | undefined;
  afterAll(() => {
    if (pid) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  });

  it('is the process its pid file names: a kill -9 of that pid stops the service', async () => {
    const port = await freePort();
    // Intake with every dependency pointed at a closed port: it serves /healthz and touches nothing.
    const closed = String(await freePort());
    const env = {
      ...process.env,
      PROBITY_DATA_DIR: dataDir,
      INTAKE_PORT: String(port),
      DATABASE_URL: `postgresql://probity:probity@127.0.0.1:${closed}/none`,
      KAFKA_BROKERS: `127.0.0.1:${closed}`,
      TEMPORAL_ADDRESS: `127.0.0.1:${closed}`,
    };
    await run('bash', ['-c', 'source infra/lib.sh && start_service intake && wait_for intake "$INTAKE_PORT" 60'], { cwd: root, env });
    pid = Number(readFileSync(join(dataDir, 'run/intake.pid'), 'utf8'));
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toEqual(['node', '--enable-source-maps', join(root, 'dist/intake/main.js'), '']);
    expect(await portOpen(port)).toBe(true);

    process.kill(pid, 'SIGKILL');
    await expect.poll(() => portOpen(port), { timeout: 5_000 }).toBe(false);
    // Nothing else was serving in its place, and the runtime sees it gone.
    const alive = () => run('bash', ['-c', 'source infra/lib.sh && pid_alive intake'], { cwd: root, env }).then(() => true, () => false);
    await expect.poll(alive, { timeout: 5_000 }).toBe(false);
    pid = undefined;
  });
});
