import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@probity/shared/config';
import { namespaceProblems } from '@probity/shared/temporal/namespace';
import { distEntry, readCompose, ROOT } from './compose';

// docker-compose.yml's one-shot steps, exactly as its services' commands say, run here against
// the local runtime's real Postgres, Kafka and Temporal (the tests' own database, topic prefix and
// namespace): what `docker compose up` would run, minus Docker.
const run = promisify(execFile);
const services = readCompose();
const config = loadConfig();

async function runJob(name: string, env: Record<string, string> = {}) {
  const cmd = services[name]!.command as string[];
  expect(cmd[0]).toBe('node');
  return run(cmd[0]!, cmd.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 });
}

beforeAll(async () => {
  await run(join(ROOT, 'node_modules/.bin/tsx'), ['infra/build.ts'], { cwd: ROOT });
}, 300_000);

describe("docker-compose.yml's steps, run for real", () => {
  it('migrate applies (or finds applied) every migration with the project runner', async () => {
    expect(distEntry(services['migrate']!)).toBe('tools/migrate');
    const { stderr } = await runJob('migrate');
    expect(stderr).toMatch(/database probity_test: (up to date|applied )/);
  });

  it('temporal-namespace registers the namespace with its retention and search attributes, and verifies them', async () => {
    const ns = `probity-compose-${Date.now().toString(36)}`;
    const { stderr } = await runJob('temporal-namespace', { TEMPORAL_NAMESPACE: ns, TEMPORAL_NAMESPACE_RETENTION_DAYS: '45' });
    expect(stderr).toContain(`temporal namespace ${ns}: registered (retention 45 days)`);
    expect(stderr).toContain('verified');
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    try {
      const described = await connection.workflowService.describeNamespace({ namespace: ns });
      expect(Number(described.config?.workflowExecutionRetentionTtl?.seconds)).toBe(45 * 86_400);
      expect(await namespaceProblems(connection, ns)).toEqual([]);
    } finally {
      await connection.close();
    }
  });

  it('kafka-topics creates every topic with the configured partitions', async () => {
    const prefix = `compose-${Date.now().toString(36)}.`;
    const { stderr } = await runJob('kafka-topics', { KAFKA_TOPIC_PREFIX: prefix, KAFKA_TOPIC_PARTITIONS: '6', KAFKA_RETENTION_MS: '3600000' });
    expect(stderr).toMatch(/kafka topics: created /);
    const { Kafka } = await import('kafkajs');
    const admin = new Kafka({ brokers: config.KAFKA_BROKERS, clientId: 'compose-jobs-test' }).admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      expect(topics.length).toBeGreaterThan(0);
      const meta = await admin.fetchTopicMetadata({ topics });
      for (const t of meta.topics) expect(t.partitions, t.name).toHaveLength(6);
      const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topics[0]! }] });
      expect(configs.resources[0]!.configEntries.find((e) => e.configName === 'retention.ms')?.configValue).toBe('3600000');
      await admin.deleteTopics({ topics });
    } finally {
      await admin.disconnect();
    }
  });
});
