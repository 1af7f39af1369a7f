import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

describe('casework OpenAPI document', () => {
  const doc = openApiDocument() as {
    openapi: string;
    servers: { url: string }[];
    paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
    components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }>; securitySchemes: Record<string, unknown> };
  };

  it('is OpenAPI 3.1, served under /api, and describes every staff endpoint', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api' }]);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/cases/{ref}',
      '/cases/{ref}/tasks/{taskId}/complete',
      '/complaints/first-contact',
      '/conduct-matters',
      '/conduct-matters/{ref}',
      '/conduct-matters/{ref}/appeal',
      '/conduct-matters/{ref}/formal-assessment-request',
      '/conduct-matters/{ref}/officer-response',
      '/conduct-matters/{ref}/rprp',
      '/conduct-matters/{ref}/tasks/{taskId}/complete',
      '/me/tasks',
      '/openapi.json',
      '/policies',
      '/policies/{policyRef}',
      '/policies/{policyRef}/owner',
      '/policies/{policyRef}/reviews',
      '/statistics',
      '/statistics.csv',
      '/statistics/cases',
    ]);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['bearerAuth']);
  });

  it('generates the first-contact form schema from the validator', () => {
    const form = doc.components.schemas.FirstContactForm!;
    expect(form.required).toEqual(expect.arrayContaining(['complainant', 'incident', 'allegations', 'firstContact']));
    expect(JSON.stringify(form.properties!.allegations)).toContain('abuse-of-position-or-corruption');
  });

  it('generates the statistics query parameters from their validators', () => {
    const params = (doc.paths['/statistics/cases']!.get as unknown as { parameters: { name: string; required: boolean; schema: { enum?: string[] } }[] }).parameters;
    const figure = params.find((p) => p.name === 'figure')!;
    expect(figure.required).toBe(true);
    expect(figure.schema.enum).toContain('finalised-under-schedule-3');
    expect(params.map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'reason', 'body', 'stage', 'task', 'breached']));
    expect(params.find((p) => p.name === 'breached')!.schema.enum).toEqual(['true', 'false']);
  });
});
