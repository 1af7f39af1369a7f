import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { providerToken, testAuth } from '@probity/shared/testing/oidc';
import { uniqueId } from '@probity/shared/testing/temporal';
import type { Logger } from '@probity/shared/log';
import { WorkflowNotFound } from '@probity/shared/temporal/workflow-calls';
import { conductRoutes } from '../src/conduct/conduct-api';
import { formalRequestBodySchema, officerResponseBodySchema } from '../src/conduct/conduct-api';
import type { ConductWorkflows } from '../src/conduct/conduct-workflows';
import { errorHandler } from '@probity/shared/http/errors';
import { openApiDocument } from '../src/openapi';

type Op = { operationId: string; security?: unknown[]; parameters?: { name: string; in: string }[]; responses: Record<string, unknown> };
type Doc = {
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
};

const log = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, child: () => log } as unknown as Logger;
const noWorkflow = async (): Promise<never> => {
  throw new WorkflowNotFound('no workflow in this test');
};
const workflows: ConductWorkflows = { state: noWorkflow, completeTask: noWorkflow, requestFormalAssessment: noWorkflow, recordOfficerResponse: noWorkflow, lodgeAppeal: noWorkflow, reallocate: noWorkflow };
const db = createDb(loadConfig().DATABASE_URL);
const router = () => conductRoutes({ db, log, auth: testAuth(db), conductWorkflows: workflows });
/** A chief inspector of this run, signed in at the tests' provider. */
const chiefInspector = { id: uniqueId('openapi-ci'), name: 'Test chief inspector', role: 'supervisor', rank: 'chief-inspector', team: 't1', division: 'd1' };

/** Every `METHOD /path` the conduct router registers, with Express's `:param` as OpenAPI's `{param}`. */
function registeredRoutes(): string[] {
  const stack = (router() as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }).stack;
  return stack.flatMap(({ route }) =>
    route ? Object.keys(route.methods).filter((m) => route.methods[m]).map((m) => `${m.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`) : [],
  );
}

describe('the conduct matter API in the OpenAPI document', () => {
  const doc = openApiDocument() as Doc;
  const documented = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/conduct-matters'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const));

  it('documents every route conduct.ts registers, and nothing else', () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(7);
    expect(documented.map(([k]) => k).sort()).toEqual([...routes].sort());
  });

  it('puts every operation behind a bearer token, with its path parameters and the 401', () => {
    for (const [key, op] of documented) {
      expect(op.security, key).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(op.responses), key).toContain('401');
      const pathParams = [...key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name), key).toEqual(pathParams);
    }
    expect(new Set(documented.map(([, op]) => op.operationId)).size).toBe(documented.length);
  });

  it('documents the refusals the routes really answer with', () => {
    const errorCodes = (path: string, method: string, status: string) => JSON.stringify(doc.paths[path]![method]!.responses[status]);
    expect(errorCodes('/conduct-matters', 'post', '400')).toContain('validation_failed');
    expect(errorCodes('/conduct-matters', 'post', '403')).toContain('formal_assessment_refused');
    expect(errorCodes('/conduct-matters', 'post', '409')).toContain('idempotency_key_reused');
    expect(errorCodes('/conduct-matters/{ref}/tasks/{taskId}/complete', 'post', '409')).toContain('task_refused');
    expect(errorCodes('/conduct-matters/{ref}/formal-assessment-request', 'post', '403')).toContain('§3.3.5');
    expect(errorCodes('/conduct-matters/{ref}/rprp', 'get', '403')).toContain('sealed');
    expect(errorCodes('/conduct-matters/{ref}/rprp', 'get', '403')).toContain('§3.3.9');
    expect(errorCodes('/conduct-matters/{ref}', 'get', '404')).toContain('not_found');
  });

  it('generates the bodies from their validators', () => {
    const s = doc.components.schemas;
    expect(s.ConductMatterForm!.required).toEqual(expect.arrayContaining(['subject', 'standards', 'account', 'view']));
    expect(s.ConductMatterForm!.required).not.toContain('discussedWithChiefInspector');
    expect(JSON.stringify(s.ConductMatterForm!.properties!.view)).toContain('possible-misconduct');
    expect(s.ReflectiveDiscussionPayload!.required).toEqual(expect.arrayContaining(['account', 'heldOn']));
    expect(s.DevelopmentReportPayload!.required).toEqual(['actions']);
    expect(s.FormalAssessmentRequestBody!.required).toEqual(['rationale']);
    expect(JSON.stringify(s.OfficerResponseBody!.properties!.window)).toContain('referral');
  });
});

describe('the documented bodies conduct.ts keeps private', () => {
  let base = '';
  let close = () => {};
  let token = '';
  beforeAll(async () => {
    const app = express().use(router()).use(errorHandler(log));
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
    await db.person.create({ data: { ...chiefInspector, email: `${chiefInspector.id}@probity.test` } });
    token = await providerToken(chiefInspector.id);
  });
  afterAll(async () => {
    close();
    await db.person.update({ where: { id: chiefInspector.id }, data: { active: false } });
    await db.$disconnect();
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { error: string; fields?: { field: string }[] };
    return { status: res.status, fields: (json.fields ?? []).map((f) => f.field).sort() };
  };
  const docFields = (schema: typeof formalRequestBodySchema | typeof officerResponseBodySchema, body: unknown) => {
    const parsed = schema.safeParse(body);
    return parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].sort();
  };

  it.each([
    ['/conduct-matters/CM-2026-000001/formal-assessment-request', formalRequestBodySchema, [{}, { rationale: '  ' }, { rationale: 'x'.repeat(4001) }, { rationale: 7 }, { rationale: 'why' }]],
    ['/conduct-matters/CM-2026-000001/officer-response', officerResponseBodySchema, [{}, { window: 'later' }, { window: 'notice' }, { window: 'referral' }]],
  ] as const)('%s: the route and the documented schema accept and reject the same bodies', async (path, schema, bodies) => {
    for (const body of bodies) {
      const answer = await post(path, body);
      const expected = docFields(schema, body);
      if (expected.length) expect(answer, JSON.stringify(body)).toEqual({ status: 400, fields: expected });
      else expect(answer.status, JSON.stringify(body)).not.toBe(400);
    }
  });
});
