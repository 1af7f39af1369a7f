import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@probity/shared/config';
import { ALL_TOPICS } from '@probity/shared/events/topics';
import { loadIntakeConfig } from '@probity/intake/intake-config';
import { loadWorkerConfig } from '@probity/worker/worker-config';
import { distEntry, readCompose, ROOT } from '../deploy/compose';
import { runsWithServiceRuntime, serviceRuntimeEnv } from '../service-runtime';

// The Helm chart (infra/helm/probity): `helm lint`, `helm template`, and kubeconform against the
// Kubernetes API schemas, offline (infra/k8s-tools). ServiceMonitor and KafkaTopic are custom
// resources with no schema there: they are checked below instead.
const [HELM, KUBECONFORM, SCHEMAS, KUBE_VERSION] = execFileSync('bash', [join(ROOT, 'infra/k8s-tools')], { encoding: 'utf8' }).trim().split(' ') as [string, string, string, string];
const CHART = join(ROOT, 'infra/helm/probity');

// Rendered manifests are read as plain JSON; the schemas above are what types them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
interface Manifest { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec?: Json; data?: Record<string, string> }

const secretsSet = ['--set', 'secrets.existingSecret=probity-secrets'];
const forceArgs = (id: string) => ['--set', `force.id=${id}`, '--set', `force.name=${id} Police`, '--set', `oidc.issuer=https://login.${id}.example/v2.0`];

function template(release: string, args: string[] = []): { text: string; docs: Manifest[] } {
  const text = execFileSync(HELM, ['template', release, CHART, ...secretsSet, ...args], { encoding: 'utf8' });
  return { text, docs: parseAllDocuments(text).map((d) => d.toJSON() as Manifest).filter(Boolean) };
}
const byKind = (docs: Manifest[], kind: string) => docs.filter((d) => d.kind === kind);

function kubeconform(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'probity-chart-'));
  writeFileSync(join(dir, 'all.yaml'), text);
  const r = spawnSync(KUBECONFORM, ['-strict', '-summary', '-kubernetes-version', KUBE_VERSION, '-skip', 'ServiceMonitor,KafkaTopic',
    '-schema-location', `${SCHEMAS}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`, join(dir, 'all.yaml')], { encoding: 'utf8' });
  expect(r.stdout + r.stderr, 'kubeconform').toMatch(/Invalid: 0, Errors: 0/);
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('Helm chart', { timeout: 60_000 }, () => {
  it('passes helm lint --strict', () => {
    const out = execFileSync(HELM, ['lint', '--strict', CHART, ...secretsSet], { encoding: 'utf8' });
    expect(out).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it('renders manifests the Kubernetes API schemas accept (strict), with and without Strimzi topics', () => {
    for (const extra of [[], ['--set', 'kafka.strimzi.enabled=true']]) {
      const out = kubeconform(template('probity', extra).text);
      expect(Number(/Valid: (\d+)/.exec(out)![1])).toBeGreaterThan(20);
    }
  }, 120_000);

  it('refuses to render without the secrets, or with more consumers than partitions', () => {
    const noSecret = spawnSync(HELM, ['template', 'x', CHART], { encoding: 'utf8' });
    expect(noSecret.status).not.toBe(0);
    expect(noSecret.stderr).toMatch(/secrets.existingSecret/);
    const tooMany = spawnSync(HELM, ['template', 'x', CHART, ...secretsSet, '--set', 'kafka.partitions=3', '--set', 'services.allocation.autoscaling.maxReplicas=6'], { encoding: 'utf8' });
    expect(tooMany.status).not.toBe(0);
    expect(tooMany.stderr).toMatch(/exceeds kafka.partitions/);
  });

  it('has a Deployment per service with probes that mean what they say, plus PDB, HPA, Service and NetworkPolicy', () => {
    const { docs } = template('probity');
    const compose = readCompose();
    const deployments = byKind(docs, 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['allocation', 'casework', 'intake', 'notification', 'worker'].map((s) => `probity-kent-${s}`));
    for (const d of deployments) {
      const name = d.metadata.name.replace('probity-kent-', '');
      const c = d.spec.template.spec.containers[0];
      expect(c.livenessProbe.httpGet.path, name).toBe('/healthz');
      expect(c.readinessProbe.httpGet.path, name).toBe('/readyz');
      // The same process docker-compose.yml and the local runtime run.
      expect(c.command.join(' '), name).toBe((compose[name]!.command as string[]).join(' '));
      // With the same runtime settings (infra/service-runtime.env); the worker with Node's defaults.
      const env = Object.fromEntries(((c.env ?? []) as { name: string; value: string }[]).map((e) => [e.name, e.value]));
      expect(env, name).toEqual(runsWithServiceRuntime(name) ? serviceRuntimeEnv() : {});
      expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    }
    for (const kind of ['PodDisruptionBudget', 'HorizontalPodAutoscaler', 'Service']) expect(byKind(docs, kind), kind).toHaveLength(5);
    expect(byKind(docs, 'NetworkPolicy')).toHaveLength(6);
    expect(byKind(docs, 'ServiceMonitor')[0]!.spec.endpoints[0].path).toBe('/metrics');
  });

  it('exposes only the public pages and the staff portal (with the codec) through Ingress', () => {
    const ingresses = byKind(template('probity').docs, 'Ingress');
    const backends = ingresses.flatMap((i) => i.spec.rules.flatMap((r: Json) => r.http.paths.map((p: Json) => `${r.host}${p.path}→${p.backend.service.name}`)));
    expect(backends.sort()).toEqual(['casework.example/codec→probity-kent-worker', 'casework.example/→probity-kent-casework', 'complaints.example/→probity-kent-intake']);
    for (const i of ingresses) expect(i.spec.tls[0].secretName).toBeTruthy();
  });

  it('runs the same one-shot steps as docker-compose.yml, as hooks before the Deployments change', () => {
    const compose = readCompose();
    const jobs = byKind(template('probity').docs, 'Job');
    expect(jobs.map((j) => j.metadata.name.replace('probity-kent-', '')).sort()).toEqual(['kafka-topics', 'migrate', 'temporal-namespace']);
    for (const j of jobs) {
      const name = j.metadata.name.replace('probity-kent-', '');
      const c = j.spec.template.spec.containers[0];
      expect([...c.command, ...c.args].join(' ')).toBe((compose[name]!.command as string[]).join(' '));
      expect(distEntry(compose[name]!)).toMatch(/^tools\//);
      expect(j.metadata.annotations!['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    }
    // With Strimzi the topics are KafkaTopic resources, one per logical topic, under the force's prefix.
    const strimzi = template('probity', ['--set', 'kafka.strimzi.enabled=true']).docs;
    expect(byKind(strimzi, 'Job').map((j) => j.metadata.name)).not.toContain('probity-kent-kafka-topics');
    expect(byKind(strimzi, 'KafkaTopic').map((t) => t.spec.topicName).sort()).toEqual(ALL_TOPICS.map((t) => `kent.${t}`).sort());
    expect(byKind(strimzi, 'KafkaTopic')[0]!.spec).toMatchObject({ partitions: 12, replicas: 3, config: { 'min.insync.replicas': 2 } });
  });

  it("gives each force its own namespace, topics, consumer groups, secrets and identity provider", () => {
    const config = (id: string) => byKind(template(`probity-${id}`, forceArgs(id).concat(['--set', `secrets.existingSecret=probity-${id}-secrets`])).docs, 'ConfigMap')[0]!.data!;
    const [kent, essex] = [config('kent'), config('essex')];
    for (const key of ['TEMPORAL_NAMESPACE', 'KAFKA_TOPIC_PREFIX', 'KAFKA_GROUP_PREFIX', 'OIDC_ISSUER', 'FORCE_NAME', 'KAFKA_CLIENT_ID']) {
      expect(kent[key], key).not.toBe(essex[key]);
    }
    expect([kent['TEMPORAL_NAMESPACE'], kent['KAFKA_TOPIC_PREFIX']]).toEqual(['probity-kent', 'kent.']);
  });

  it('configures a production that Probity itself accepts (given real secrets)', () => {
    const data = byKind(template('probity').docs, 'ConfigMap')[0]!.data!;
    const secrets = { DATABASE_URL: 'postgresql://probity:x@db.example:5432/probity_kent', OIDC_CLIENT_SECRET: 'x'.repeat(40), SESSION_SECRET: 'y'.repeat(40), CASE_TOKEN_SEAL_SECRET: 'z'.repeat(40), PAYLOAD_KEY: 'cd'.repeat(32) };
    const c = loadConfig({ ...data, ...secrets });
    expect(c.PROBITY_ENV).toBe('production');
    expect(c.KAFKA_REPLICATION_FACTOR).toBe(3);
    expect(c.PUBLICATION_PERIOD_DAYS).toBe(28);
    // The worker's and intake's own settings, from the same ConfigMap.
    expect(loadWorkerConfig(data)).toMatchObject({ WORKER_MAX_CACHED_WORKFLOWS: 200, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 10, WORKER_MAX_CONCURRENT_ACTIVITIES: 20 });
    expect(loadIntakeConfig(data).INTAKE_TRUST_PROXY).toBe(1);
    // Values set per release reach the ConfigMap.
    const tuned = byKind(template('probity', ['--set', 'worker.maxCachedWorkflows=120', '--set', 'worker.maxConcurrentWorkflowTasks=8', '--set', 'publicationPeriodDays=42', '--set', 'trustProxy=10.0.0.0/8']).docs, 'ConfigMap')[0]!.data!;
    expect(loadWorkerConfig(tuned)).toMatchObject({ WORKER_MAX_CACHED_WORKFLOWS: 120, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 8 });
    expect(loadConfig({ ...tuned, ...secrets }).PUBLICATION_PERIOD_DAYS).toBe(42);
    expect(loadIntakeConfig(tuned).INTAKE_TRUST_PROXY).toEqual(['10.0.0.0/8']);
  });

  it('lists the topics Probity uses', () => {
    const values = execFileSync(HELM, ['show', 'values', CHART], { encoding: 'utf8' });
    const topics = parseAllDocuments(values)[0]!.toJSON().kafka.topics as string[];
    expect(topics).toEqual(ALL_TOPICS);
  });
});
