import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

describe('intake OpenAPI document', () => {
  const doc = openApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
    components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }>; securitySchemes: Record<string, unknown> };
  };

  it('is OpenAPI 3.1 and describes the public endpoints only', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/complaints', '/complaints/{ref}/progress', '/complaints/{ref}/review', '/openapi.json']);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['caseToken']);
    expect(doc.components.securitySchemes.caseToken).toMatchObject({ in: 'header', name: 'X-Case-Token' });
  });

  it('documents the error answers of the public POST', () => {
    expect(Object.keys(doc.paths['/complaints']!.post!.responses).sort()).toEqual(['202', '400', '409', '413', '415', '429', '500']);
  });

  it('takes a review request with its reason, from the schema the pages use too', () => {
    const review = doc.paths['/complaints/{ref}/review']!.post! as unknown as { requestBody: unknown; responses: Record<string, unknown> };
    expect(JSON.stringify(review.requestBody)).toContain('ReviewRequest');
    expect(doc.components.schemas.ReviewRequest!.required).toEqual(['reason']);
    expect(Object.keys(review.responses)).toEqual(expect.arrayContaining(['400', '409', '503']));
  });

  it('generates the form schema from the validator', () => {
    const form = doc.components.schemas.ComplaintForm!;
    expect(form.required).toEqual(expect.arrayContaining(['complainant', 'incident', 'allegations']));
    expect(form.required).not.toContain('channel');
    expect(JSON.stringify(form.properties!.allegations)).toContain('abuse-of-position-or-corruption');
    expect(form.properties).toHaveProperty('outcomeWanted');
  });
});
