import { describe, expect, it } from 'vitest';
import { judge, stageProblem, tally, type Observed } from './checks';
import type { Sent } from './load';

const REF = 'CO-2026-000042';
const sent = (over: Partial<Sent> = {}): Sent => ({ n: 7, idempotencyKey: 'k-7', email: 'c7@example.test', ref: REF, attempts: 1, ...over });
const firstTask = { to: ['handler@example.test'], subject: `[${REF}] New task: first contact due 3 December 2026` };
const healthy = (): Observed => ({
  casesByEmail: new Map([['c7@example.test', [REF]]]),
  workflowRuns: new Map([[`complaint-${REF}`, 1]]),
  mailByRef: new Map([[REF, [firstTask]]]),
  stageEventsByRef: new Map([[REF, [{ id: 'e1', from: 'received', to: 'first-contact' }]]]),
  stagesByRef: new Map([[REF, ['first-contact']]]),
});

describe('judging one complaint after the faults', () => {
  it('passes a complaint with one case, one workflow, one first-task email and its stage events', () => {
    expect(judge(sent(), healthy())).toEqual({ n: 7, accepted: true, lost: [], duplicated: [] });
  });

  it('counts an accepted complaint as lost when its case, workflow, email or stage events are missing', () => {
    const o = healthy();
    o.casesByEmail.clear();
    o.workflowRuns.clear();
    o.mailByRef.clear();
    o.stageEventsByRef.clear();
    expect(judge(sent(), o).lost).toEqual([`no case ${REF} in the database`, 'no workflow', 'no first-task email', 'no stage events']);
  });

  it('counts two cases for one client, two workflow runs, two first-task emails or a repeated mail as duplicated', () => {
    const o = healthy();
    o.casesByEmail.set('c7@example.test', [REF, 'CO-2026-000043']);
    o.workflowRuns.set(`complaint-${REF}`, 2);
    const outcome = { to: ['c7@example.test'], subject: `[${REF}] Outcome` };
    o.mailByRef.set(REF, [firstTask, firstTask, outcome, outcome]);
    expect(judge(sent(), o).duplicated).toEqual([
      `2 cases (${REF}, CO-2026-000043)`, '2 workflows', '2 first-task emails', `2× mail "c7@example.test [${REF}] Outcome"`,
    ]);
  });

  it('never counts a complaint that got no 2xx as lost, but does count it twice-made', () => {
    const o = healthy();
    o.casesByEmail.clear();
    expect(judge(sent({ ref: undefined }), o)).toEqual({ n: 7, accepted: false, lost: [], duplicated: [] });
    o.casesByEmail.set('c7@example.test', ['CO-2026-000050', 'CO-2026-000051']);
    expect(judge(sent({ ref: undefined }), o).duplicated).toHaveLength(1);
  });
});

describe('stage events against the recorded stages', () => {
  const ev = (id: string, from: string, to: string) => ({ id, from, to });
  it('takes a redelivered event (same id) as the same event', () => {
    expect(stageProblem([ev('a', 'received', 'first-contact'), ev('a', 'received', 'first-contact')], ['first-contact'])).toBeUndefined();
  });
  it('refuses a second event into the same stage, a gap, a wrong start, and events the record does not have', () => {
    expect(stageProblem([ev('a', 'received', 'first-contact'), ev('b', 'received', 'first-contact')], ['first-contact'])).toMatch(/^twice/);
    expect(stageProblem([ev('a', 'received', 'first-contact'), ev('b', 'assessment', 'allocation')], ['first-contact', 'allocation'])).toMatch(/out of order/);
    expect(stageProblem([ev('a', 'received', 'assessment')], ['assessment'])).toMatch(/not received→first-contact/);
    expect(stageProblem([ev('a', 'received', 'first-contact'), ev('b', 'first-contact', 'assessment')], ['first-contact'])).toMatch(/recorded stages first-contact$/);
    expect(stageProblem([], ['first-contact'])).toBe('no stage events');
  });
});

describe('a row of the fault table', () => {
  it('counts complaints, those accepted, and those lost or duplicated once each however many checks they failed', () => {
    const row = tally('kafka', [
      { n: 1, accepted: true, lost: [], duplicated: [] },
      { n: 2, accepted: true, lost: ['no workflow', 'no first-task email'], duplicated: [] },
      { n: 3, accepted: true, lost: [], duplicated: ['2 workflows', '2 first-task emails'] },
      { n: 4, accepted: false, lost: [], duplicated: [] },
    ], 12.34);
    expect(row).toEqual({ fault: 'kafka', cases: 4, accepted: 3, lost: 1, duplicated: 1, recoverSeconds: 12.34 });
  });
});
