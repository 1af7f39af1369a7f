import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceEntries, TOOL_ENTRIES } from '../build';
import { distEntry, isJob, readCompose, ROOT } from './compose';
import { imageProblem } from './images';
import { runsWithServiceRuntime } from '../service-runtime';
import { loadConfig } from '@probity/shared/config';
import { loadIntakeConfig } from '@probity/intake/intake-config';
import { loadWorkerConfig } from '@probity/worker/worker-config';

// docker-compose.yml cannot be run here (no Docker), so it is held to what can be checked: the
// Compose tool's own validation, known image tags, the local runtime's commands, and what it
// publishes.
const services = readCompose();
const localRuntime = ['infra/probity', 'infra/components.sh', 'infra/lib.sh'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');

/** `docker compose` (v2) or `docker-compose` (v1), whichever this machine has. */
function composeTool(): string[] | undefined {
  for (const cmd of [['docker', 'compose'], ['docker-compose']]) {
    const r = spawnSync(cmd[0]!, [...cmd.slice(1), 'version'], { encoding: 'utf8' });
    if (r.status === 0) return cmd;
  }
  return undefined;
}

describe('docker-compose.yml', () => {
  const tool = composeTool();
  it.runIf(tool)('is valid to the Compose tool, and lists the demo profile services', () => {
    execFileSync(tool![0]!, [...tool!.slice(1), 'config', '-q'], { cwd: ROOT, stdio: 'pipe' });
    const listed = execFileSync(tool![0]!, [...tool!.slice(1), '--profile', 'demo', 'config', '--services'], { cwd: ROOT, encoding: 'utf8' });
    expect(listed.trim().split('\n').sort()).toEqual(Object.keys(services).sort());
  }, 120_000);

  it('names only images with known tags', () => {
    const problems = Object.entries(services).flatMap(([name, s]) => {
      const p = s.image ? imageProblem(s.image) : `${name}: no image`;
      return p ? [`${name}: ${p}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('runs every service as the local runtime does: its compiled main', () => {
    const built = Object.keys(serviceEntries());
    for (const entry of built) {
      const name = entry.split('/')[0]!;
      expect(distEntry(services[name]!), name).toBe(entry);
    }
    // infra/lib.sh start_service: `node … "$ROOT/dist/$1/main.js"`.
    expect(localRuntime).toMatch(/start_bg "\$1" node --enable-source-maps "\$ROOT\/dist\/\$1\/main\.js"/);
    // With the services' runtime settings, as the local runtime and the bench give them; the worker without.
    expect(localRuntime).toContain('source "$ROOT/infra/service-runtime.env"');
    for (const entry of built) {
      const name = entry.split('/')[0]!;
      expect(services[name]!.env_file ?? null, name).toBe(runsWithServiceRuntime(name) ? 'infra/service-runtime.env' : null);
    }
  });

  it('runs each one-shot step with the same script the local runtime runs, compiled', () => {
    const jobs = Object.entries(services).filter(([, s]) => isJob(s) && s.image?.startsWith('probity-app:'));
    expect(jobs.map(([n]) => n).sort()).toEqual(['kafka-topics', 'migrate', 'seed', 'temporal-namespace']);
    for (const [name, s] of jobs) {
      const entry = distEntry(s);
      expect(entry && TOOL_ENTRIES[entry], `${name} runs a compiled tool`).toBeTruthy();
      // The local runtime runs the same source with tsx.
      expect(localRuntime, `${name}: infra/probity runs ${TOOL_ENTRIES[entry!]}`).toContain(TOOL_ENTRIES[entry!]);
    }
  });

  it('publishes only the public intake beyond loopback', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => ({ name, p: String(p) })));
    const open = published.filter(({ p }) => !p.startsWith('127.0.0.1:'));
    expect(open).toEqual([{ name: 'intake', p: '3001:3001' }]);
    for (const internal of ['postgres', 'kafka', 'temporal', 'allocation', 'notification']) expect(services[internal]!.ports ?? [], internal).toEqual([]);
  });

  it('restarts every long-running service and health-checks it; one-shot steps restart only on failure', () => {
    for (const [name, s] of Object.entries(services)) {
      if (isJob(s)) {
        expect(s.restart, name).toMatch(/^on-failure/);
        continue;
      }
      expect(s.restart, name).toBe('unless-stopped');
      expect(s.healthcheck?.test, `${name} has a healthcheck`).toBeTruthy();
    }
  });

  it('hides no failure: no "|| true", every app service waits for migrations, namespace and topics', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(JSON.stringify([s.command, s.entrypoint, s.healthcheck]), name).not.toMatch(/\|\|\s*true/);
    }
    for (const name of Object.keys(serviceEntries()).map((e) => e.split('/')[0]!)) {
      const deps = services[name]!.depends_on ?? {};
      for (const job of ['migrate', 'temporal-namespace', 'kafka-topics']) expect(deps[job]?.condition, `${name} waits for ${job}`).toBe('service_completed_successfully');
    }
    expect(services['temporal']!.depends_on?.['temporal-schema']?.condition).toBe('service_completed_successfully');
    expect(services['temporal-namespace']!.depends_on?.['temporal']?.condition).toBe('service_healthy');
  });

  it('runs Probity in its own namespace with explicit retention, keeps Kafka on its volume, seeds demo people only in the demo profile', () => {
    const env = services['intake']!.environment!;
    expect(env['TEMPORAL_NAMESPACE']).not.toBe('default');
    expect(Number(env['TEMPORAL_NAMESPACE_RETENTION_DAYS'])).toBeGreaterThan(0);
    const kafka = services['kafka']!;
    const logDir = kafka.environment!['KAFKA_LOG_DIRS'];
    expect(kafka.volumes!.some((v) => v.endsWith(`:${logDir}`)), 'KAFKA_LOG_DIRS is the mounted volume').toBe(true);
    expect(services['seed']!.profiles).toEqual(['demo']);
    for (const [name, s] of Object.entries(services)) if (name !== 'seed') expect(s.profiles, name).toBeUndefined();
  });

  it("sets the worker's cache and task slots, the publication period and intake's proxy trust, which their services accept", () => {
    // As a container sees them: YAML's numbers and booleans as strings, an empty value unset.
    const envOf = (s: (typeof services)[string]) =>
      Object.fromEntries(Object.entries(s.environment ?? {}).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)])) as Record<string, string>;
    const worker = envOf(services['worker']!);
    expect(loadWorkerConfig(worker)).toMatchObject({ WORKER_MAX_CACHED_WORKFLOWS: 200, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 10, WORKER_MAX_CONCURRENT_ACTIVITIES: 20 });
    expect(loadConfig(worker).PUBLICATION_PERIOD_DAYS).toBe(28);
    expect(worker['DATABASE_URL'], 'the shared settings are kept beside them').toBe(services['allocation']!.environment!['DATABASE_URL']);
    expect(loadIntakeConfig(envOf(services['intake']!)).INTAKE_TRUST_PROXY).toBe(false);
    // Set from the environment, as an operator would.
    const tuned = readCompose(undefined, { WORKER_MAX_CACHED_WORKFLOWS: '120', PUBLICATION_PERIOD_DAYS: '42', INTAKE_TRUST_PROXY: '1' });
    expect(loadWorkerConfig(envOf(tuned['worker']!)).WORKER_MAX_CACHED_WORKFLOWS).toBe(120);
    expect(loadConfig(envOf(tuned['worker']!)).PUBLICATION_PERIOD_DAYS).toBe(42);
    expect(loadIntakeConfig(envOf(tuned['intake']!)).INTAKE_TRUST_PROXY).toBe(1);
  });
});
