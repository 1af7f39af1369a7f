import { describe, expect, it } from 'vitest';
import {
  MANAGEMENT_ADVICE_REMOVED,
  SEVERITY_OUTCOMES,
  appealAvailable,
  proceedingsFormFor,
  proceedingsFormSchema,
  sanctionsAvailable,
  severityConsequence,
  severityOutcomeSchema,
  triageConductConcern,
} from './conduct-triage';

describe('triageConductConcern (§3.3.4–§3.3.7)', () => {
  it('clearly not misconduct → local reflective practice, no PSD contact (§3.3.7)', () => {
    expect(triageConductConcern({ view: 'clearly-not-misconduct' })).toMatchObject({
      route: 'local-reflective-practice',
      psdContact: false,
      basis: '§3.3.7',
    });
  });

  it('§3.3.5 is advice, not a bar, when PSD raises possible misconduct for the appropriate authority', () => {
    const staff = { kind: 'staff', grade: 'psd-handler' } as const;
    expect(triageConductConcern({ view: 'possible-misconduct', requester: staff }).route).toBe('formal-assessment-refused');
    const opened = triageConductConcern({ view: 'possible-misconduct', requester: staff, openedByPsd: true });
    expect(opened).toMatchObject({ route: 'request-formal-assessment', psdContact: true, basis: '§3.3.5' });
    expect(opened.explanation).toMatch(/should come via a chief inspector or above \(§3\.3\.5\), which is force policy, not a bar on PSD/);
  });

  it('on the cusp → chief inspector first, then PSD advice if still uncertain (§3.3.4)', () => {
    expect(triageConductConcern({ view: 'on-the-cusp' })).toMatchObject({
      route: 'discuss-with-chief-inspector',
      psdContact: false,
    });
    expect(triageConductConcern({ view: 'on-the-cusp', discussedWithChiefInspector: true })).toMatchObject({
      route: 'seek-psd-advice',
      psdContact: true,
      basis: '§3.3.4',
    });
  });

  it('possible misconduct → formal assessment request via a chief inspector or above (§3.3.5)', () => {
    expect(
      triageConductConcern({ view: 'possible-misconduct', requester: { kind: 'officer', rank: 'chief-inspector' } }),
    ).toMatchObject({ route: 'request-formal-assessment', psdContact: true, basis: '§3.3.5' });
    expect(
      triageConductConcern({ view: 'possible-misconduct', requester: { kind: 'officer', rank: 'superintendent' } }).route,
    ).toBe('request-formal-assessment');
  });

  it('refuses a request from a sergeant with the rank rule as the reason', () => {
    const route = triageConductConcern({ view: 'possible-misconduct', requester: { kind: 'officer', rank: 'sergeant' } });
    expect(route.route).toBe('formal-assessment-refused');
    expect(route.psdContact).toBe(false);
    expect(route.explanation).toMatch(/^A sergeant cannot request a formal PSD assessment of conduct.*§3\.3\.5/);
  });

  it('refuses a request from police staff, and one with no requester', () => {
    expect(triageConductConcern({ view: 'possible-misconduct', requester: { kind: 'staff', grade: 'SO1' } }).route).toBe(
      'formal-assessment-refused',
    );
    expect(triageConductConcern({ view: 'possible-misconduct' })).toMatchObject({
      route: 'formal-assessment-refused',
      explanation: expect.stringContaining('must name the requesting officer'),
    });
  });
});

describe('severity outcomes (§3.3.1, §3.3.2)', () => {
  it('are exactly the four outcomes', () => {
    expect(SEVERITY_OUTCOMES).toEqual(['no-further-action', 'practice-requiring-improvement', 'misconduct', 'gross-misconduct']);
    for (const o of SEVERITY_OUTCOMES) expect(severityOutcomeSchema.parse(o)).toBe(o);
  });

  it("rejects 'management-advice' with a message citing §3.3.2", () => {
    const result = severityOutcomeSchema.safeParse('management-advice');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(MANAGEMENT_ADVICE_REMOVED);
    expect(result.error?.issues[0]?.message).toContain('§3.3.2');
  });

  it('rejects other unknown values with the ordinary message', () => {
    const result = severityOutcomeSchema.safeParse('verbal-warning');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).not.toContain('§3.3.2');
  });

  it('says what follows each outcome', () => {
    expect(severityConsequence('no-further-action')).toMatchObject({ disciplinaryProceedings: false, next: 'close' });
    expect(severityConsequence('practice-requiring-improvement')).toMatchObject({
      disciplinaryProceedings: false,
      next: 'reflective-practice-review',
    });
    expect(severityConsequence('practice-requiring-improvement').explanation).toContain('not a disciplinary outcome');
    expect(severityConsequence('misconduct')).toMatchObject({ disciplinaryProceedings: true, next: 'investigation' });
    expect(severityConsequence('gross-misconduct')).toMatchObject({ disciplinaryProceedings: true, next: 'investigation' });
  });
});

describe('proceedings', () => {
  it('picks the form of proceedings', () => {
    expect(proceedingsFormFor({ severity: 'misconduct' })).toBe('misconduct-meeting');
    expect(proceedingsFormFor({ severity: 'misconduct', liveFinalWrittenWarning: true })).toBe('misconduct-hearing');
    expect(proceedingsFormFor({ severity: 'gross-misconduct' })).toBe('misconduct-hearing');
    expect(proceedingsFormFor({ severity: 'gross-misconduct', specialConditionsMet: true })).toBe('accelerated-hearing');
    expect(proceedingsFormFor({ severity: 'misconduct', specialConditionsMet: true })).toBe('misconduct-meeting');
  });

  it('validates forms', () => {
    expect(proceedingsFormSchema.safeParse('misconduct-meeting').success).toBe(true);
    expect(proceedingsFormSchema.safeParse('tribunal').success).toBe(false);
  });
});

describe('sanctionsAvailable', () => {
  it('a meeting: written warning or final written warning', () => {
    expect(sanctionsAvailable('misconduct-meeting')).toEqual(['written-warning', 'final-written-warning']);
  });

  it('a hearing adds reduction in rank and dismissal without notice', () => {
    expect(sanctionsAvailable('misconduct-hearing')).toEqual([
      'written-warning',
      'final-written-warning',
      'reduction-in-rank',
      'dismissal-without-notice',
    ]);
  });

  it('an accelerated hearing (gross misconduct only) has no written warning', () => {
    expect(sanctionsAvailable('accelerated-hearing')).toEqual(['final-written-warning', 'reduction-in-rank', 'dismissal-without-notice']);
    expect(sanctionsAvailable('misconduct-hearing', { finding: 'gross-misconduct' })).not.toContain('written-warning');
  });

  it('reduction in rank only for an officer with a rank below theirs', () => {
    expect(sanctionsAvailable('misconduct-hearing', { subject: { kind: 'officer', rank: 'sergeant' } })).toContain('reduction-in-rank');
    expect(sanctionsAvailable('misconduct-hearing', { subject: { kind: 'officer', rank: 'constable' } })).not.toContain(
      'reduction-in-rank',
    );
    expect(sanctionsAvailable('misconduct-hearing', { subject: { kind: 'staff', grade: 'SO1' } })).toEqual([
      'written-warning',
      'final-written-warning',
      'dismissal-without-notice',
    ]);
  });

  it('never offers management advice (§3.3.2)', () => {
    for (const form of ['misconduct-meeting', 'misconduct-hearing', 'accelerated-hearing'] as const) {
      expect(sanctionsAvailable(form) as string[]).not.toContain('management-advice');
    }
  });
});

describe('appealAvailable', () => {
  it('from a meeting: written notice within 7 working days (Conduct reg 45)', () => {
    expect(appealAvailable('misconduct-meeting')).toEqual({
      available: true,
      basis: 'Conduct reg 45',
      notice: 'Written notice of appeal within 7 working days of receiving the outcome report.',
    });
  });

  it('not internally from a hearing: that goes to the Police Appeals Tribunal', () => {
    for (const form of ['misconduct-hearing', 'accelerated-hearing'] as const) {
      const route = appealAvailable(form);
      expect(route.available).toBe(false);
      if (!route.available) expect(route.reason).toContain('Police Appeals Tribunal');
    }
    const hearing = appealAvailable('accelerated-hearing');
    if (!hearing.available) expect(hearing.reason).toContain('accelerated hearing');
  });
});
