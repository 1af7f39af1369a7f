import { describe, expect, it } from 'vitest';
import type { Actor } from '@probity/shared/auth';
import type { ConductTask } from './contract';
import {
  TaskRefusal,
  checkActor,
  checkDevelopmentReport,
  checkOutcome,
  checkPastDate,
  defaultPublishFrom,
  formalRequestRefusal,
  parsePayload,
  personOfActor,
  psdOpensAssessmentRefusal,
  referralForm,
} from './task-rules';

const actor = (id: string, role: string, rank: string | null): Actor => ({ id, role, rank, team: 't', division: 'd' });
const task = (type: ConductTask['type'], assigneeId = 'psd-1', managerId: string | null = 'psd-mgr'): ConductTask => ({
  id: `CM-1-${type}-1`, type, assigneeId, managerId, createdAt: '2026-01-05T09:00:00Z', dueAt: '2026-01-19T23:59:59.999Z', escalations: 0,
});
const refusalOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TaskRefusal);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('who may complete a conduct task', () => {
  it('only the assignee or their manager, and PSD for PSD tasks', () => {
    expect(refusalOf(() => checkActor(task('severity-assessment'), actor('x', 'psd-handler', null)))).toMatch(/only the assignee \(psd-1\) or their manager \(psd-mgr\)/);
    expect(() => checkActor(task('severity-assessment'), actor('psd-1', 'psd-handler', 'sergeant'))).not.toThrow();
    expect(() => checkActor(task('severity-assessment'), actor('psd-mgr', 'psd-manager', 'chief-inspector'))).not.toThrow();
    expect(refusalOf(() => checkActor(task('psd-advice', 'ci-1', null), actor('ci-1', 'supervisor', 'chief-inspector')))).toMatch(/only PSD may complete a psd-advice task/);
    expect(() => checkActor(task('chief-inspector-discussion', 'ci-1', null), actor('ci-1', 'supervisor', 'chief-inspector'))).not.toThrow();
  });
});

describe('§3.3.5 formal assessment requests', () => {
  it('refuses below chief inspector and police staff, saying why', () => {
    expect(formalRequestRefusal(actor('s', 'supervisor', 'sergeant'))).toMatch(/A sergeant cannot request a formal PSD assessment .*chief inspector \(§3\.3\.5\)/);
    expect(formalRequestRefusal(actor('i', 'supervisor', 'inspector'))).toMatch(/An inspector cannot/);
    expect(formalRequestRefusal(actor('p', 'psd-handler', null), 'investigator')).toMatch(/Police staff \(grade investigator\)/);
    expect(formalRequestRefusal(actor('c', 'supervisor', 'chief-inspector'))).toBeNull();
    expect(formalRequestRefusal(actor('s', 'policy-owner', 'superintendent'))).toBeNull();
  });

  it('reads the person from the token: a police rank makes an officer, anything else staff', () => {
    expect(personOfActor(actor('a', 'supervisor', 'inspector'))).toEqual({ kind: 'officer', rank: 'inspector' });
    expect(personOfActor(actor('a', 'ops', null))).toEqual({ kind: 'staff', grade: 'ops' });
    expect(personOfActor(actor('a', 'ops', 'not-a-rank'), 'band-4')).toEqual({ kind: 'staff', grade: 'band-4' });
  });
});

describe('payloads', () => {
  it('refuses management advice citing §3.3.2', () => {
    expect(refusalOf(() => parsePayload('severity-assessment', { outcome: 'management-advice', rationale: 'minor' }))).toMatch(/outcome: 'management-advice' no longer exists.*§3\.3\.2/);
    expect(refusalOf(() => parsePayload('proceedings-outcome', { finding: 'misconduct', sanction: 'management-advice', publish: true }))).toMatch(/sanction: 'management-advice' is no longer a sanction.*§3\.3\.2/);
  });

  it('requires PSD instructions for practice requiring improvement (§3.3.8)', () => {
    expect(refusalOf(() => parsePayload('severity-assessment', { outcome: 'practice-requiring-improvement', rationale: 'r' }))).toMatch(/instructions: .*§3\.3\.8/);
    expect(parsePayload('severity-assessment', { outcome: 'practice-requiring-improvement', rationale: 'r', instructions: 'reflect on X' }).instructions).toBe('reflect on X');
  });

  it('keeps sealed RPRP text out of the workflow (§3.3.9)', () => {
    expect(refusalOf(() => parsePayload('reflective-discussion', { heldOn: '2026-02-01', accountRecorded: true, account: 'I was tired' }))).toMatch(/account must not be sent to the case workflow.*§3\.3\.9/);
    expect(refusalOf(() => parsePayload('development-report', { actions: [{ id: 'A1', dueOn: '2026-03-01', owner: 'participant', description: 'training' }] }))).toMatch(/actions\[\]\.description/);
    expect(parsePayload('reflective-discussion', { heldOn: '2026-02-01', accountRecorded: true })).toEqual({ heldOn: '2026-02-01', accountRecorded: true });
  });

  it('a finding of misconduct needs a sanction and a publication decision; other findings take none', () => {
    expect(refusalOf(() => parsePayload('proceedings-outcome', { finding: 'misconduct' }))).toMatch(/sanction: a misconduct finding needs a sanction; publish:/);
    expect(refusalOf(() => parsePayload('proceedings-outcome', { finding: 'not-proven', sanction: 'written-warning' }))).toMatch(/no sanction may follow/);
  });
});

describe('proceedings', () => {
  const officer = { kind: 'officer', rank: 'constable' } as const;
  const sergeant = { kind: 'officer', rank: 'sergeant' } as const;
  const referral = (over: Record<string, unknown>) => parsePayload('referral-decision', { decision: 'refer-to-proceedings', rationale: 'r', ...over });

  it('the form follows the finding, and a form given must agree', () => {
    expect(referralForm(referral({ severity: 'misconduct' }))).toBe('misconduct-meeting');
    expect(referralForm(referral({ severity: 'misconduct', liveFinalWrittenWarning: true }))).toBe('misconduct-hearing');
    expect(referralForm(referral({ severity: 'gross-misconduct' }))).toBe('misconduct-hearing');
    expect(referralForm(referral({ severity: 'gross-misconduct', specialConditionsMet: true }))).toBe('accelerated-hearing');
    expect(refusalOf(() => referralForm(referral({ severity: 'misconduct', form: 'misconduct-hearing' })))).toMatch(/goes to a misconduct meeting, not a misconduct hearing/);
    expect(refusalOf(() => referral({ severity: 'misconduct', specialConditionsMet: true }))).toMatch(/accelerated hearing .* gross misconduct only/);
  });

  it('refuses a sanction the form cannot give', () => {
    const outcome = (o: Record<string, unknown>) => parsePayload('proceedings-outcome', { publish: true, ...o });
    expect(refusalOf(() => checkOutcome(outcome({ finding: 'misconduct', sanction: 'dismissal-without-notice' }), 'misconduct-meeting', officer)))
      .toMatch(/a misconduct meeting cannot give dismissal without notice .*it may give written warning, final written warning/);
    expect(refusalOf(() => checkOutcome(outcome({ finding: 'gross-misconduct', sanction: 'final-written-warning' }), 'misconduct-meeting', officer))).toMatch(/cannot find gross misconduct/);
    expect(refusalOf(() => checkOutcome(outcome({ finding: 'misconduct', sanction: 'reduction-in-rank' }), 'misconduct-hearing', officer))).toMatch(/by a constable/);
    // Conduct reg 42(3)(a), (5): with a final written warning in force at the severity assessment.
    expect(() => checkOutcome(outcome({ finding: 'misconduct', sanction: 'reduction-in-rank', finalWrittenWarningInForce: true }), 'misconduct-hearing', sergeant)).not.toThrow();
    expect(() => checkOutcome(outcome({ finding: 'misconduct', sanction: 'reduction-in-rank' }), 'misconduct-hearing', sergeant, { liveFinalWrittenWarning: true })).not.toThrow();
    expect(refusalOf(() => checkOutcome(outcome({ finding: 'misconduct', sanction: 'reduction-in-rank' }), 'misconduct-hearing', sergeant))).toMatch(/Conduct reg 42\(5\)/);
    expect(refusalOf(() => checkOutcome(outcome({ finding: 'gross-misconduct', sanction: 'written-warning' }), 'misconduct-hearing', sergeant))).toMatch(/cannot give written warning for gross misconduct/);
    expect(() => checkOutcome(outcome({ finding: 'misconduct', sanction: 'final-written-warning' }), 'misconduct-meeting', officer)).not.toThrow();
  });

  it('publishes a meeting after its appeal window, a hearing at once', () => {
    expect(defaultPublishFrom('misconduct-meeting', '2026-03-02', '2026-03-11')).toBe('2026-03-12');
    expect(defaultPublishFrom('misconduct-hearing', '2026-03-02', undefined)).toBe('2026-03-02');
  });
});

describe('reflective practice', () => {
  const report = (actions: { id: string; dueOn: string; owner: 'participant' | 'reviewer' }[]) => parsePayload('development-report', { actions });
  it('actions are due after today and by the reg 70 review, each id once', () => {
    expect(() => checkDevelopmentReport(report([{ id: 'A1', dueOn: '2026-04-01', owner: 'participant' }]), '2026-03-01', '2027-03-01')).not.toThrow();
    expect(refusalOf(() => checkDevelopmentReport(report([{ id: 'A1', dueOn: '2026-03-01', owner: 'participant' }]), '2026-03-01', '2027-03-01'))).toMatch(/must be after today/);
    expect(refusalOf(() => checkDevelopmentReport(report([{ id: 'A1', dueOn: '2027-03-02', owner: 'reviewer' }]), '2026-03-01', '2027-03-01'))).toMatch(/Conduct reg 70/);
    expect(refusalOf(() => checkDevelopmentReport(report([{ id: 'A1', dueOn: '2026-04-01', owner: 'reviewer' }, { id: 'A1', dueOn: '2026-05-01', owner: 'reviewer' }]), '2026-03-01', '2027-03-01'))).toMatch(/A1 appears twice/);
  });

  it('dates of things that happened are neither in the future nor before the matter', () => {
    expect(refusalOf(() => checkPastDate('heldOn', '2026-03-02', '2026-03-01', '2026-01-01'))).toMatch(/in the future/);
    expect(refusalOf(() => checkPastDate('heldOn', '2025-12-31', '2026-03-01', '2026-01-01'))).toMatch(/before the matter was raised/);
  });
});

describe('PSD opens a severity assessment for the appropriate authority (§3.3.5 is force policy, not law)', () => {
  it('accepts PSD with a known source, whatever their rank or grade', () => {
    expect(psdOpensAssessmentRefusal(actor('psd-h', 'psd-handler', null), 'public-complaint', undefined)).toBeNull();
    expect(psdOpensAssessmentRefusal(actor('psd-h', 'psd-handler', null), 'other', 'a letter')).toBeNull();
  });
  it('refuses anyone outside PSD, an unknown source, and other without detail', () => {
    expect(psdOpensAssessmentRefusal(actor('sgt', 'officer', 'sergeant'), 'whistleblower', undefined)).toMatch(/only PSD, acting for the appropriate authority/);
    expect(psdOpensAssessmentRefusal(actor('psd-h', 'psd-handler', null), 'gossip', undefined)).toMatch(/^source: /);
    expect(psdOpensAssessmentRefusal(actor('psd-h', 'psd-handler', null), 'other', ' ')).toMatch(/^sourceDetail: /);
  });
});
