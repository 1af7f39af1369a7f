import { describe, expect, it } from 'vitest';
import { policyFormSchema } from './policy-api';

describe('the policy form', () => {
  it('names each bad field', () => {
    const parsed = policyFormSchema.safeParse({ ref: 'p02', title: '', lastReviewedOn: '2022-02-30', riskRating: 'severe' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['equalityImpact', 'lastReviewedOn', 'ownerId', 'ref', 'riskRating', 'title']);
  });

  it('defaults the version and the last outcome', () => {
    const form = policyFormSchema.parse({ ref: 'P02', title: 'Standards', ownerId: 'policy-owner', lastReviewedOn: '2022-07-01', equalityImpact: 'none', riskRating: 'medium' });
    expect(form).toMatchObject({ version: '1.0', lastReviewOutcome: 'no-amendments' });
    expect(form.nextReviewDue).toBeUndefined();
  });
});
