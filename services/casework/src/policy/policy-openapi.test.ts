import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../openapi';
import { policyFormSchema } from './policy-api';

type Doc = {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; security?: unknown[] }>>;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
};

describe('the policy register in the OpenAPI document', () => {
  const doc = openApiDocument() as Doc;

  it('describes every policy endpoint, each behind a bearer token', () => {
    const ops = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/policies'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const));
    expect(ops.map(([k]) => k).sort()).toEqual([
      'GET /policies',
      'GET /policies/{policyRef}',
      'POST /policies',
      'POST /policies/{policyRef}/reviews',
      'PUT /policies/{policyRef}/owner',
    ]);
    for (const [, op] of ops) expect(op.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.paths['/policies/{policyRef}/reviews']!.post!.responses)).toContain('409');
  });

  it('generates the bodies from their validators', () => {
    const form = doc.components.schemas.PolicyForm!;
    expect(form.required).toEqual(expect.arrayContaining(['ref', 'title', 'ownerId', 'lastReviewedOn', 'equalityImpact', 'riskRating']));
    expect(form.required).not.toContain('nextReviewDue');
    expect(JSON.stringify(form.properties!.riskRating)).toContain('medium');
    expect(JSON.stringify(doc.components.schemas.PolicyReviewBody!.properties!.outcome)).toContain('no-amendments');
    expect(doc.components.schemas.PolicyOwnerBody!.required).toEqual(['ownerId']);
  });
});

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
