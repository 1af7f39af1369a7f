import { describe, expect, it } from 'vitest';
import { relevantReviewBody, reviewBodyOfReviewer, reviewDecisionSchema, reviewRecommendationsRefusal, reviewReopensHandling, type ReviewBodyFacts } from './review-body';

const facts = (over: Partial<ReviewBodyFacts> = {}): ReviewBodyFacts => ({
  handling: 'schedule-3', referredToIopc: false, subjectRanks: ['constable'], schedule3Reasons: ['complainant-wants-schedule-3'], ...over,
});

describe('the relevant review body (Sch 3 para 6A)', () => {
  it('is the local policing body by default', () => {
    expect(relevantReviewBody(facts())).toMatchObject({ body: 'local-policing-body' });
  });

  it('is the IOPC when the complaint was referred to it', () => {
    expect(relevantReviewBody(facts({ referredToIopc: true }))).toMatchObject({ body: 'iopc', reason: expect.stringMatching(/referred/) });
  });

  it('is the IOPC for a senior officer (above chief superintendent), not for a chief superintendent', () => {
    expect(relevantReviewBody(facts({ subjectRanks: [null, 'assistant-chief-constable'] }))).toMatchObject({ body: 'iopc', reason: expect.stringMatching(/senior officer/) });
    expect(relevantReviewBody(facts({ subjectRanks: ['chief-superintendent'] }))).toMatchObject({ body: 'local-policing-body' });
  });

  it('is the IOPC when the conduct may be criminal or disciplinary or engage article 2/3, or arises from the same incident', () => {
    for (const r of ['possible-criminal-offence', 'possible-disciplinary-proceedings', 'echr-article-2-or-3'] as const) {
      expect(relevantReviewBody(facts({ schedule3Reasons: [r] })).body).toBe('iopc');
    }
    expect(relevantReviewBody(facts({ sameIncidentAsReferableConduct: true })).body).toBe('iopc');
  });

  it('does not exist for a complaint handled outside Schedule 3', () => {
    expect(relevantReviewBody(facts({ handling: 'outside-schedule-3' }))).toMatchObject({ body: null, reason: expect.stringMatching(/recorded under Schedule 3 instead/) });
  });
});

describe('the review decision', () => {
  it('is upheld exactly when the outcome was not reasonable and proportionate', () => {
    expect(reviewDecisionSchema.parse({ reasonableAndProportionate: false, outcome: 'upheld', rationale: 'x', recommendations: ['reinvestigate'] })).toMatchObject({ outcome: 'upheld' });
    const wrong = reviewDecisionSchema.safeParse({ reasonableAndProportionate: true, outcome: 'upheld', rationale: 'x' });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues[0]).toMatchObject({ path: ['outcome'], message: expect.stringMatching(/'not-upheld'/) });
    expect(reviewDecisionSchema.parse({ reasonableAndProportionate: true, outcome: 'not-upheld', rationale: 'fine' }).recommendations).toEqual([]);
  });

  it('carries the review body\'s recommendations as {kind, detail}, each field named when wrong', () => {
    const upheld = { reasonableAndProportionate: false, outcome: 'upheld', rationale: 'a witness was not interviewed' };
    const rec = [{ kind: 'reinvestigate', detail: ' re-interview the witness ' }, { kind: 'refer-to-iopc', detail: 'refer the use of force' }];
    expect(reviewDecisionSchema.parse({ ...upheld, recommendations: rec }).recommendations).toEqual([
      { kind: 'reinvestigate', detail: 're-interview the witness' },
      { kind: 'refer-to-iopc', detail: 'refer the use of force' },
    ]);
    const bad = reviewDecisionSchema.safeParse({ ...upheld, recommendations: [{ kind: 'sack-them', detail: 'x' }, { kind: 'other', detail: '  ' }, { kind: 'other' }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['recommendations.0.kind', expect.stringMatching(/"reinvestigate"\|"appropriate-authority-action"\|"refer-to-iopc"\|"other"/)],
      ['recommendations.1.detail', 'Say what the review body recommends'],
      ['recommendations.2.detail', 'Say what the review body recommends'],
    ]);
    expect(reviewDecisionSchema.safeParse({ ...upheld, recommendations: 'reinvestigate' }).error!.issues[0]).toMatchObject({ path: ['recommendations'] });
  });

  it('reads a decision recorded before recommendations had a kind (plain text) as kind other', () => {
    expect(reviewDecisionSchema.parse({ reasonableAndProportionate: false, outcome: 'upheld', rationale: 'x', recommendations: ['re-interview the witness'] }).recommendations).toEqual([
      { kind: 'other', detail: 're-interview the witness' },
    ]);
  });

  it('refuses recommendations on a review not upheld: the power arises only when the outcome was not reasonable and proportionate', () => {
    const notUpheld = reviewDecisionSchema.parse({ reasonableAndProportionate: true, outcome: 'not-upheld', rationale: 'fine', recommendations: [{ kind: 'other', detail: 'share the learning' }] });
    expect(reviewRecommendationsRefusal(notUpheld)).toMatch(/^recommendations: .*only when it upholds/);
    expect(reviewRecommendationsRefusal({ ...notUpheld, recommendations: [] })).toBeUndefined();
    expect(reviewRecommendationsRefusal({ ...notUpheld, outcome: 'upheld' })).toBeUndefined();
  });

  it('reopens handling only when upheld', () => {
    expect(reviewReopensHandling('upheld')).toBe(true);
    expect(reviewReopensHandling('not-upheld')).toBe(false);
  });

  it('is recorded by the body’s own reviewers', () => {
    expect(reviewBodyOfReviewer({ role: 'lpb-review-officer' })).toBe('local-policing-body');
    expect(reviewBodyOfReviewer({ role: 'iopc-reviewer' })).toBe('iopc');
    expect(reviewBodyOfReviewer({ role: 'psd-handler' })).toBeNull();
  });
});
