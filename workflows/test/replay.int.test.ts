// Every captured history (workflows/test/replay/histories) replays against the current workflow
// code. A change that would make a running case or policy review take a different path than its
// history says fails here; a deliberate change goes behind patched(), and the old fixtures stay.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { loadConfig } from '@probity/shared/config';
import { dataConverter, payloadKeyring } from '@probity/shared/temporal/codec';
import { loadFixtures } from './replay/fixtures';

const workflowsPath = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const fixtures = loadFixtures();
/** The replay result of each fixture, in fixture order (histories are replayed one at a time). */
const results: ReplayResult[] = [];

beforeAll(async () => {
  const histories = fixtures.map((f) => ({ workflowId: f.workflowId, history: f.history }));
  // One replay worker (one workflow bundle) for every history.
  for await (const r of Worker.runReplayHistories({ workflowsPath, dataConverter: dataConverter(payloadKeyring(loadConfig())), replayName: 'fixtures' }, histories)) {
    results.push(r);
  }
}, 300_000);

describe('captured workflow histories', () => {
  it('cover every workflow type the worker runs', () => {
    expect(new Set(fixtures.map((f) => f.workflowType))).toEqual(new Set(['complaint', 'conduct', 'policyReview', 'retentionSweep', 'publication']));
  });

  it.each(fixtures.map((f, i) => [`${f.capture}/${f.file} (${f.events} events)`, f, i] as const))('%s replays', (_name, f, i) => {
    const result = results[i];
    expect(result?.runId, `no replay result for ${f.file}`).toBe(f.runId);
    expect(result!.error ? String(result!.error) : undefined).toBeUndefined();
  });
});
