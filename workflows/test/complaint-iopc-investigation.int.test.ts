// The IOPC's mode decision drives the workflow (Sch 3 para 5; PRA 2002 s.20(1)), on the real
// Temporal test server (time skipping) with the real activities, Postgres and Kafka: an independent
// investigation is the IOPC's (the force gets no investigation, update, report, outcome letter or
// review step; PSD records the IOPC's outcome); a directed one is investigated by the force's
// investigator under the IOPC's direction, and then likewise finished by the IOPC; a local one
// stays the force's, with its review window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { addCalendarDays, startOfLondonDayMs, toLondonDate } from '@probity/shared/domain/index';
import { stateQuery } from '../src/complaint/contract';
import type { complaint } from '../src/complaint/complaint';
import { completeTask, createWorld, openTaskOf, outcomesFor, startComplaint, waitForStage, refusal, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

type Handle = WorkflowHandle<typeof complaint>;
const SEXUAL_PURPOSE = { category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' } as const;

async function noonOf(date: string) {
  const target = startOfLondonDayMs(date) + 12 * 3600 * 1000;
  const now = await w.env.currentTimeMs();
  if (target > now) await w.env.sleep(target - now);
}

async function referred(mode: string): Promise<{ handle: Handle; input: Awaited<ReturnType<typeof startComplaint>>['input'] }> {
  const started = await startComplaint(w, { categories: [SEXUAL_PURPOSE], assessorId: 'ccu-handler' });
  await completeTask(started.handle, 'iopc-referral', 'ccu-handler', { iopcReference: `IOPC-MODE-${mode}`, iopcDecision: mode });
  await completeTask(started.handle, 'assessment', 'ccu-handler', { handling: 'schedule-3', handlingMode: 'investigation', referToIopc: true, allocateTo: 'psd-investigator', rationale: 'referred' });
  await waitForStage(started.handle, 'allocation');
  await started.handle.signal('assigned', { assigneeId: 'ccu-investigator', reason: 'test' });
  return started;
}

const typesOf = (s: { openTasks: { type: string }[]; completedTasks: { type: string }[] }) => [...s.openTasks, ...s.completedTasks].map((t) => t.type);

describe('Sch 3 para 5 and PRA 2002 s.20(1): the IOPC mode decision drives what the force does', () => {
  it('PRA 2002 s.20(1)(a), Sch 3 para 19: independent — the IOPC investigates; the force has no investigation, update, report, outcome letter or review; PSD records the IOPC outcome, then it closes', async () => {
    const { handle, input } = await referred('independent');
    await waitForStage(handle, 'iopc-investigation');
    await openTaskOf(handle, 'iopc-outcome');
    const waiting = await handle.query(stateQuery);
    expect(waiting.openTasks.map((t) => [t.type, t.assigneeId])).toEqual([['iopc-outcome', 'ccu-investigator']]);
    // A year on: still the IOPC's; the force owes no update (s.20(1)) nor long-running report (C&M reg 13).
    await noonOf(addCalendarDays(toLondonDate(input.receivedAt), 380));
    const later = await handle.query(stateQuery);
    expect(later.stage).toBe('iopc-investigation');
    expect(typesOf(later).filter((t) => t !== 'iopc-referral' && t !== 'assessment')).toEqual(['iopc-outcome']);

    // Recorded by PSD, per allegation, as investigated.
    expect(await refusal(completeTask(handle, 'iopc-outcome', 'ccu-investigator', { outcome: 'service-not-acceptable', summary: 'IOPC report' }))).toMatch(/^allegationOutcomes: /);
    await completeTask(handle, 'iopc-outcome', 'ccu-investigator', { outcome: 'service-not-acceptable', summary: 'IOPC report', allegationOutcomes: outcomesFor(input, { outcome: 'service-not-acceptable', caseToAnswer: true, actions: ['proceedings'] }) });
    await w.client.workflow.getHandle(handle.workflowId).result();
    const final = await handle.query(stateQuery);
    expect(final.stages.map((s) => s.stage)).toEqual(expect.arrayContaining(['iopc-investigation', 'closed']));
    expect(final.stages.map((s) => s.stage)).not.toContain('review-window');
    expect(final.stages.map((s) => s.stage)).not.toContain('handling');
    expect(final.toldOutcomeOn).toBeUndefined(); // the IOPC tells the complainant
    expect(final.outcome).toBe('service-not-acceptable');
    const recorded = await w.db.allegationOutcome.findMany({ where: { caseId: input.caseId } });
    expect(recorded.map((r) => r.outcome)).toEqual(['service-not-acceptable']);
  });

  it('PRA 2002 s.20(1)(b): directed — the force investigator investigates under direction; then the IOPC outcome is recorded and the case closes without a review window', async () => {
    const { handle, input } = await referred('directed');
    await waitForStage(handle, 'handling');
    await completeTask(handle, 'handling', 'ccu-investigator', { outcome: 'service-not-acceptable', summary: 'report to the IOPC', allegationOutcomes: outcomesFor(input, { caseToAnswer: true }) });
    await openTaskOf(handle, 'iopc-outcome');
    const state = await handle.query(stateQuery);
    expect(state.openTasks.map((t) => t.type)).toEqual(['iopc-outcome']);
    expect(typesOf(state)).not.toContain('outcome-notification');
    await completeTask(handle, 'iopc-outcome', 'ccu-investigator', { outcome: 'service-acceptable', summary: 'IOPC determination', allegationOutcomes: outcomesFor(input, { caseToAnswer: false }) });
    await w.client.workflow.getHandle(handle.workflowId).result();
    const final = await handle.query(stateQuery);
    expect(final.stages.map((s) => s.stage)).not.toContain('review-window');
    expect(final.outcome).toBe('service-acceptable');
  });

  it('Sch 3 para 25: local — the force investigates and tells the outcome, and the review window opens as before', async () => {
    const { handle, input } = await referred('local');
    await waitForStage(handle, 'handling');
    await completeTask(handle, 'handling', 'ccu-investigator', { outcome: 'service-acceptable', summary: 'done', allegationOutcomes: outcomesFor(input, { caseToAnswer: false }) });
    await completeTask(handle, 'outcome-notification', 'ccu-investigator', { method: 'letter' });
    await waitForStage(handle, 'review-window');
    await handle.terminate('test over');
  });
});
