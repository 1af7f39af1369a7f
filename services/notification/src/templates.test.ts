import { describe, expect, it } from 'vitest';
import { formatLondonDate, plainOutcome, render, taskLabel, withheldNotice, type Audience } from './templates';
import {
  REF,
  alert,
  escalated,
  flagged,
  outcome,
  policyReviewDue,
  reportDue,
  reviewWindow,
  slaBreached,
  taskAssigned,
  updateDue,
} from '../test/fixtures';

const manager: Audience = { kind: 'staff', personId: 'manager-1' };
const handler: Audience = { kind: 'staff', personId: 'handler-1' };
const complainant: Audience = { kind: 'complainant' };
const names = { assigneeName: 'DS Jamie Clarke' };

describe('formatLondonDate', () => {
  it('shows a civil date as weekday, day, month and year', () => {
    expect(formatLondonDate('2026-11-24')).toBe('Tue 24 Nov 2026');
    expect(formatLondonDate('2024-07-31')).toBe('Wed 31 Jul 2024');
  });

  it('shows an instant as its date in London, not in UTC', () => {
    expect(formatLondonDate('2026-11-24T23:59:59.999Z')).toBe('Tue 24 Nov 2026'); // GMT: same day
    expect(formatLondonDate('2026-07-01T23:30:00Z')).toBe('Thu 2 Jul 2026'); // BST: already the 2nd
    expect(formatLondonDate('2026-07-02T00:30:00+01:00')).toBe('Thu 2 Jul 2026');
  });

  it('refuses what is not a date rather than showing nonsense', () => {
    expect(() => formatLondonDate('next Tuesday')).toThrow(RangeError);
    expect(() => formatLondonDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatLondonDate('2026-11-24T10:00:00')).toThrow(RangeError); // no zone
  });
});

describe('wording helpers', () => {
  it('turns task types into phrases', () => {
    expect(taskLabel('assessment')).toBe('assessment');
    expect(taskLabel('iopc-referral')).toBe('IOPC referral check');
    expect(taskLabel('some-new-task')).toBe('some new task');
  });

  it('puts outcomes in plain English', () => {
    expect(plainOutcome('service-acceptable')).toBe('the service you received was found to be acceptable');
    expect(plainOutcome('learning-identified')).toBe('the outcome recorded is: learning identified');
    expect(plainOutcome('An apology was given.')).toBe('An apology was given.');
  });
});

describe('staff templates', () => {
  it('task assigned: tells the assignee the task and its due date', () => {
    const m = render(taskAssigned(), handler);
    expect(m.subject).toBe(`[${REF}] New task: assessment due Tue 24 Nov 2026`);
    expect(m.body).toContain('task-9');
  });

  it('SLA breached (level 1): tells the manager what is overdue, since when and who has it', () => {
    const m = render(slaBreached(1), manager, names);
    expect(m.subject).toBe(`[${REF}] SLA breached: assessment overdue since Tue 24 Nov 2026 (assigned to DS Jamie Clarke)`);
    expect(m.body).toContain('reassign');
  });

  it('SLA breached: the assignee reads "assigned to you", never their own name', () => {
    const m = render(slaBreached(1), handler, names);
    expect(m.subject).toContain('(assigned to you)');
    expect(m.subject + m.body).not.toContain('Jamie Clarke');
  });

  it('SLA breached: falls back to the id when the assignee cannot be looked up', () => {
    expect(render(slaBreached(1), manager).subject).toContain('(assigned to person handler-1)');
  });

  it('escalation: names the level, whichever topic carries it', () => {
    const m = render(escalated(2), { kind: 'staff', personId: 'head-of-psd' }, names);
    expect(m.subject).toBe(`[${REF}] Escalation level 2: assessment overdue since Tue 24 Nov 2026 (assigned to DS Jamie Clarke)`);
    expect(render(slaBreached(3), manager, names).subject).toMatch(/^\[CO-2026-000123\] Escalation level 3: /);
  });

  it('update due: says which update and by when', () => {
    expect(render(updateDue(2), handler).subject).toBe(`[${REF}] Complainant update due by Tue 24 Nov 2026 (update 2)`);
  });

  it('report due: 12-month report first, then further 6-month reports', () => {
    expect(render(reportDue(12), handler).subject).toBe(`[${REF}] 12-month report due by Tue 24 Nov 2026`);
    const later = render(reportDue(18, 2), handler);
    expect(later.subject).toBe(`[${REF}] further 6-month report due by Tue 24 Nov 2026 (open 18 months)`);
    expect(later.body).toContain('open for 18 months');
  });

  it('outcome resolved at first contact: tells the complaints team', () => {
    const m = render(outcome('resolved-at-first-contact', 'resolved'), { kind: 'staff', personId: 'complaints-team' });
    expect(m.subject).toBe(`[${REF}] Complaint resolved at first contact`);
    // As the complaint workflow sends it: the outcome is the resolution itself.
    const plain = render(outcome('resolved-at-first-contact', 'resolved-at-first-contact'), { kind: 'staff', personId: 'complaints-team' });
    expect(plain.body).toContain(`Complaint ${REF} was resolved at first contact.`);
  });

  it('review window: accepted and closed are told to the handler', () => {
    expect(render(reviewWindow('review-accepted'), handler).subject).toBe(`[${REF}] Review application accepted`);
    const closed = render(reviewWindow('closed'), handler);
    expect(closed.subject).toBe(`[${REF}] Case closed`);
    expect(closed.body).toContain('no review is outstanding');
  });

  it('policy review: reminder to the owner, overdue, then escalation to the manager', () => {
    const owner: Audience = { kind: 'staff', personId: 'policy-owner' };
    expect(render(policyReviewDue('reminder'), owner).subject).toBe('[P02] Policy P02 review due Tue 21 Jul 2026');
    expect(render(policyReviewDue('overdue', 0), owner).subject).toBe('[P02] Policy P02 review overdue since Tue 21 Jul 2026');
    expect(render(policyReviewDue('overdue', 1), { kind: 'staff', personId: 'owners-manager' }).subject).toBe(
      '[P02] Escalation level 1: policy P02 review overdue since Tue 21 Jul 2026',
    );
  });

  it('has no wording for a complainant about internal casework', () => {
    expect(() => render(slaBreached(1), complainant, names)).toThrow(/no wording for a complainant/);
    expect(() => render(taskAssigned(), complainant)).toThrow();
  });
});

describe('complainant templates', () => {
  it('outcome: plain English, the 28-day review right and the progress page', () => {
    const m = render(outcome('finalised', 'service-acceptable'), complainant);
    expect(m.subject).toBe(`[${REF}] Outcome of your complaint ${REF}`);
    expect(m.body).toContain('The outcome: the service you received was found to be acceptable.');
    expect(m.body).toContain('apply for a review');
    expect(m.body).toContain('within 28 days');
    expect(m.body).toContain('progress page');
  });

  it('outcome of a review: no further review is offered', () => {
    expect(render(outcome('review-finalised', 'upheld'), complainant).body).not.toContain('28 days');
    const m = render(outcome('review-not-upheld', 'not-upheld'), complainant);
    expect(m.body).toContain('completed the review you asked for');
    expect(m.body).not.toContain('28 days');
    expect(m.body).not.toMatch(/apply for a review/);
  });

  it("a review body's decision is its result, not another outcome", () => {
    const upheld = render(outcome('review-upheld', 'service-not-acceptable'), complainant);
    expect(upheld.subject).toBe(`[${REF}] Result of the review of your complaint ${REF}`);
    expect(upheld.body).toContain('will be looked at again');
    expect(upheld.body).not.toContain('The outcome:');
    const notUpheld = render(outcome('review-not-upheld', 'service-acceptable'), complainant);
    expect(notUpheld.body).toContain('so it stands: the service you received was found to be acceptable.');
  });

  it('review window opened: tells the complainant the day it closes', () => {
    const m = render(reviewWindow('opened', '2026-12-22'), complainant);
    expect(m.subject).toBe(`[${REF}] You can apply for a review until Tue 22 Dec 2026`);
    expect(m.body).toContain('closes on Tue 22 Dec 2026');
  });

  it('recorded under Schedule 3 after initial handling: told it is now handled formally, not that it is reviewed', () => {
    const m = render(reviewWindow('recorded-under-schedule-3'), complainant);
    expect(m.subject).toBe(`[${REF}] Your complaint is now being handled formally`);
    expect(m.body).toContain('recorded and handled under Schedule 3');
    expect(m.body).not.toMatch(/review/i);
    expect(render(reviewWindow('recorded-under-schedule-3'), handler).body).toContain('(not reviewed)');
  });

  it('review accepted: the complainant is told in their own words, not the handler\'s', () => {
    const m = render(reviewWindow('review-accepted'), complainant);
    expect(m.subject).toBe(`[${REF}] Your application for a review has been accepted`);
    expect(m.subject).not.toBe(render(reviewWindow('review-accepted'), handler).subject);
  });

  it('never carries internal detail: no task ids, staff ids or the word "account"', () => {
    for (const ev of [outcome(), outcome('review-upheld', 'upheld'), reviewWindow('opened'), reviewWindow('review-accepted')]) {
      const m = render(ev, complainant);
      expect(m.subject + m.body).not.toMatch(/task-|handler-1|account|@/i);
    }
  });
});

describe('every template', () => {
  it('starts the subject with the reference in square brackets', () => {
    const staffEvents = [taskAssigned(), slaBreached(1), escalated(2), updateDue(), reportDue(), outcome(), reviewWindow('opened'), reviewWindow('closed')];
    for (const ev of staffEvents) expect(render(ev, manager, names).subject.startsWith(`[${REF}] `)).toBe(true);
    expect(render(policyReviewDue(), manager).subject.startsWith('[P02] ')).toBe(true);
  });
});

describe('alerts (probity.alert)', () => {
  it('a case that cannot proceed: what is wrong, where to look, and the command once it is fixed', () => {
    const m = render(alert(), manager);
    expect(m.subject).toBe(`[${REF}] Cannot proceed until data is fixed`);
    expect(m.body).toContain('no active head of PSD in the Person table');
    expect(m.body).toContain(`WorkflowId = "complaint-${REF}"`);
    expect(m.body).toContain(`npm run ops -- retry-stalled complaint-${REF}`);
    expect(m.body).toContain('Stalled = true');
  });

  it('a stalled allocation points at the allocation service and says it clears by itself', () => {
    const m = render(alert({ kind: 'allocation-stalled', summary: `complaint ${REF} has waited 4 hours for the allocation service`, notifyRoles: ['ops'] }), manager);
    expect(m.subject).toBe(`[${REF}] Stalled: waiting for the allocation service`);
    expect(m.body).toMatch(/allocation service \(its \/readyz and log\).*goes on by itself when the assignment arrives/s);
  });

  it('a parked event, about no case: filed under PROBITY, with the replay command for its id', () => {
    const m = render(
      alert({ kind: 'dead-letter', caseId: undefined, ref: undefined, workflowId: undefined, summary: 'case.task-assigned e-1 from case.task-assigned could not be handled', detail: { eventId: 'e-1', topic: 'case.task-assigned' } }),
      manager,
    );
    expect(m.subject).toBe('[PROBITY] Event parked on the dead-letter topic');
    expect(m.body).toContain('npm run dead-letters -- replay --id e-1');
    expect(m.body).toContain('topic: case.task-assigned');
  });

  it('is for staff only', () => {
    expect(() => render(alert(), complainant)).toThrow(/no wording for a complainant/);
  });
});

describe('withheldNotice', () => {
  it('says nothing of the case, not even its reference, and who has it instead', () => {
    const m = withheldNotice();
    expect(m.subject).toBe('[PROBITY] A notification about a case you do not have access to');
    expect(m.body).not.toMatch(/CO-\d{4}|task|due/i);
    expect(m.body).toContain('The head of PSD has been told.');
  });
});

describe('early-intervention flag', () => {
  it('tells the line manager and PSD what the rule counted, under the flag id, with no names, and never the complainant', () => {
    const m = render(flagged(), manager);
    expect(m.subject).toBe('[EI-0123456789ab] Early intervention: 3 complaints in 12 months');
    expect(m.body).toContain('three-complaints-in-12-months, version 2026-12-01');
    expect(m.body).toContain('across 3 cases');
    expect(m.body).toContain('acknowledge it');
    expect(() => render(flagged(), complainant)).toThrow(/no wording for a complainant/);
  });
});
