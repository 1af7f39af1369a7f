// Captures real workflow histories as replay fixtures: `npm run histories:capture [-- <name filter>]`.
//
// Runs every scenario of ./scenarios.ts on the time-skipping test server with the real activities,
// and writes each snapshot's histories (every run, when a workflow continued as new) to
// histories/<YYYY-MM-DD>/ (gzipped history JSON), with a manifest. Fixtures are never rewritten: a later capture goes into
// a new dated folder beside the old ones, which keep replaying in `npm test` for as long as
// workflows started under that code may still be running.
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { createWorld } from '../world';
import { SCENARIOS, settled } from './scenarios';
import { HISTORIES_DIR, type ManifestEntry } from './fixtures';

const filter = process.argv[2];
const label = process.env.CAPTURE_LABEL ?? new Date().toISOString().slice(0, 10);
const outDir = join(HISTORIES_DIR, label);
if (existsSync(join(outDir, 'manifest.json')) && process.env.CAPTURE_OVERWRITE !== '1') {
  console.error(`[capture] ${outDir} already holds a capture; fixtures are never rewritten (CAPTURE_LABEL=<name> for another folder)`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: fileURLToPath(new URL('.', import.meta.url)) }).toString().trim();
  } catch {
    return 'unknown';
  }
})();

const w = await createWorld();
const manifest: ManifestEntry[] = [];
const written = new Set<string>();

/** Every run of the workflow so far, oldest first, following continue-as-new back from the latest. */
async function runsOf(handle: WorkflowHandle): Promise<{ runId: string; history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> }[]> {
  const runs = [];
  let runId: string | undefined = (await w.env.client.workflow.getHandle(handle.workflowId).describe()).runId;
  while (runId) {
    const history = await w.env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    runs.unshift({ runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  return runs;
}

try {
  for (const scenario of SCENARIOS.filter((s) => !filter || s.name.includes(filter))) {
    const started = Date.now();
    const snapped = new Map<string, WorkflowHandle>();
    await scenario.run(w, async (snapshot, handle) => {
      snapped.set(handle.workflowId, handle);
      const runs = await runsOf(handle);
      for (const [i, { runId, history }] of runs.entries()) {
        const last = history.events?.at(-1);
        const closed = Boolean(last?.workflowExecutionCompletedEventAttributes || last?.workflowExecutionContinuedAsNewEventAttributes || last?.workflowExecutionTerminatedEventAttributes);
        // A closed run's history never changes: write it once however many snapshots include it.
        if (closed && written.has(runId)) continue;
        const file = `${scenario.name}.${snapshot}${runs.length > 1 ? `.run${i + 1}` : ''}.json.gz`;
        // The JSON Temporal's own tools write (`temporal workflow show -o json`), compacted and gzipped.
        writeFileSync(join(outDir, file), gzipSync(JSON.stringify(JSON.parse(historyToJSON(history)))));
        if (closed) written.add(runId);
        manifest.push({
          file,
          scenario: scenario.name,
          snapshot,
          workflowId: handle.workflowId,
          runId,
          workflowType: history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'unknown',
          events: history.events?.length ?? 0,
          closed,
        });
      }
    });
    // What a scenario leaves running (captured mid-way) is ended, so its clocks do not run on
    // through the years later scenarios skip (a stalled task escalating for six years).
    for (const h of snapped.values()) {
      if ((await h.describe()).status.name !== 'RUNNING') continue;
      await settled(h);
      await h.terminate('replay capture: scenario done');
    }
    console.error(`[capture] ${scenario.name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  writeFileSync(
    join(outDir, 'manifest.json'),
    `${JSON.stringify({ capturedAt: new Date().toISOString(), commit, histories: manifest }, null, 2)}\n`,
  );
  console.error(`[capture] ${manifest.length} histories written to ${outDir}`);
} finally {
  await w.close();
}
