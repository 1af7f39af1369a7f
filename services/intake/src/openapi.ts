// The OpenAPI 3.1 description of the intake API, served at GET /openapi.json. Request bodies are
// generated from the same zod schemas that validate them, so the document cannot drift from them.
import { z } from 'zod';
import { ALLEGATION_CATEGORIES } from '@probity/shared/domain/index';
import { complaintFormSchema, firstContactFormSchema } from './complaint-form';
import { completeTaskBodySchema } from './casework';
import { BODY_LIMIT } from '@probity/shared/http/errors';
import { CONDUCT_TAG, conductOpenApiPaths, conductOpenApiSchemas } from './conduct-openapi';
import { POLICY_TAG, policyOpenApiPaths, policyOpenApiSchemas } from './policies-openapi';

type Json = Record<string, unknown>;

const fromZod = (schema: z.ZodType): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string, headers?: Json) => ({
  description,
  ...(headers && { headers }),
  content: { 'application/json': { schema } },
});
const errorResponse = (description: string, codes: string[]) =>
  json({ allOf: [ref('Error'), { properties: { error: { enum: codes } } }] }, description);

const ERR = {
  400: errorResponse('Validation failed (`fields` names each bad field by dotted path) or malformed JSON', ['validation_failed', 'invalid_json']),
  401: errorResponse('No bearer token, or an invalid or expired one', ['unauthorized']),
  403: errorResponse('The signed-in person\'s role may not do this', ['forbidden']),
  404: errorResponse('Not found', ['not_found']),
  413: errorResponse(`Body larger than ${BODY_LIMIT}`, ['payload_too_large']),
  415: errorResponse('Body is not application/json', ['unsupported_media_type']),
  429: errorResponse('Rate limit reached; see the RateLimit and Retry-After headers', ['rate_limited']),
  500: errorResponse('Unexpected error (logged; no details are returned)', ['internal_error']),
  503: errorResponse('The case workflow service did not answer', ['unavailable']),
};

const rateLimitHeaders = {
  RateLimit: { description: 'IETF draft-8 RateLimit header: remaining quota and reset', schema: { type: 'string' } },
  'RateLimit-Policy': { description: 'IETF draft-8 RateLimit-Policy header', schema: { type: 'string' } },
};

const refParam = { name: 'ref', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z]{2}-\\d{4}-\\d{6,}$' }, example: 'CO-2026-000123' };
const idempotencyParam = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the POST safe to retry: the same key with the same body returns the first response (same ref and token) and never creates a second case; the same key with a different body is a 409.',
  schema: { type: 'string', minLength: 8, maxLength: 200 },
};

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Probity intake API',
      version: '1.0.0',
      description:
        'Complaints about the police from the public (no login) and from front-line officers at first contact; the complainant\'s progress page; and the casework API where PSD staff and managers act on workflow tasks. Personal data stays in Postgres: the case.received event carries ids and categories only.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'public', description: 'Member of the public: no account' },
      { name: 'front-line', description: 'Officers and staff recording complaints' },
      { name: 'casework', description: 'PSD handlers, investigators and managers' },
      CONDUCT_TAG,
      POLICY_TAG,
    ],
    paths: {
      '/complaints': {
        post: {
          tags: ['public'],
          operationId: 'makeComplaint',
          summary: 'Make a complaint (public form)',
          security: [],
          parameters: [idempotencyParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ComplaintForm') } } },
          responses: {
            202: json(ref('ComplaintAccepted'), 'Accepted: keep the reference and the token — the token is shown only once', {
              Location: { description: 'The progress URL', schema: { type: 'string' } },
              'Idempotent-Replayed': { description: '"true" when this is the stored answer to an earlier request with the same key', schema: { type: 'string' } },
              ...rateLimitHeaders,
            }),
            400: ERR[400],
            409: errorResponse('The Idempotency-Key was already used with a different body', ['idempotency_key_reused']),
            413: ERR[413],
            415: ERR[415],
            429: ERR[429],
            500: ERR[500],
          },
        },
      },
      '/complaints/first-contact': {
        post: {
          tags: ['front-line'],
          operationId: 'recordFirstContactComplaint',
          summary: 'Record a complaint taken at first contact (§3.2.2)',
          description:
            'For front-line officers and staff, supervisors and PSD. If resolved there and then, the case is closed as resolved at first contact and the complaints team is told; otherwise it goes straight to PSD assessment.',
          security: [{ bearerAuth: [] }],
          parameters: [idempotencyParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('FirstContactForm') } } },
          responses: {
            202: json(ref('ComplaintAccepted'), 'Accepted'),
            400: ERR[400],
            401: ERR[401],
            403: ERR[403],
            409: errorResponse('The Idempotency-Key was already used with a different request', ['idempotency_key_reused']),
            413: ERR[413],
            415: ERR[415],
            500: ERR[500],
          },
        },
      },
      '/complaints/{ref}/progress': {
        get: {
          tags: ['public'],
          operationId: 'complaintProgress',
          summary: 'Where my complaint is',
          security: [{ caseToken: [] }, { caseTokenQuery: [] }],
          parameters: [refParam],
          responses: {
            200: json(ref('Progress'), 'Progress of the complaint'),
            404: errorResponse('Unknown reference, or a missing or wrong token (the two are indistinguishable)', ['not_found']),
            429: ERR[429],
          },
        },
      },
      '/complaints/{ref}/review': {
        post: {
          tags: ['public'],
          operationId: 'requestReview',
          summary: 'Ask for a review of the outcome (within 28 days of being told, C&M reg 29)',
          security: [{ caseToken: [] }, { caseTokenQuery: [] }],
          parameters: [refParam],
          responses: {
            200: json(ref('ReviewAccepted'), 'The review request was accepted'),
            404: errorResponse('Unknown reference, or a missing or wrong token', ['not_found']),
            409: errorResponse('The workflow refused the review (e.g. the review window is closed); `message` says why', ['review_refused']),
            429: ERR[429],
            503: ERR[503],
          },
        },
      },
      '/me/tasks': {
        get: {
          tags: ['casework'],
          operationId: 'myTasks',
          summary: 'My open tasks, and those of the people I manage',
          security: [{ bearerAuth: [] }],
          responses: { 200: json(ref('TaskList'), 'Open tasks, earliest due first'), 401: ERR[401] },
        },
      },
      '/cases/{ref}': {
        get: {
          tags: ['casework'],
          operationId: 'caseRecord',
          summary: 'The case record and its workflow state (PSD roles only)',
          security: [{ bearerAuth: [] }],
          parameters: [refParam],
          responses: { 200: json(ref('CaseRecord'), 'The case'), 401: ERR[401], 403: ERR[403], 404: ERR[404] },
        },
      },
      '/cases/{ref}/tasks/{taskId}/complete': {
        post: {
          tags: ['casework'],
          operationId: 'completeTask',
          summary: 'Complete a workflow task',
          description: 'Runs the workflow update completeTask; its validator checks the actor, the stage and the payload.',
          security: [{ bearerAuth: [] }],
          parameters: [refParam, { name: 'taskId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: false, content: { 'application/json': { schema: ref('CompleteTaskBody') } } },
          responses: {
            200: json({ type: 'object', required: ['task'], properties: { task: ref('Task') } }, 'The completed task'),
            400: ERR[400],
            401: ERR[401],
            404: errorResponse('No running workflow for this reference', ['not_found']),
            409: errorResponse('The workflow refused: wrong actor, wrong stage or a bad payload; `message` says which', ['task_refused']),
            415: ERR[415],
            503: ERR[503],
          },
        },
      },
      ...conductOpenApiPaths(),
      ...policyOpenApiPaths(),
      '/openapi.json': {
        get: { tags: ['public'], operationId: 'openApi', summary: 'This document', security: [], responses: { 200: json({ type: 'object' }, 'OpenAPI 3.1') } },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A person\'s token (npm run token -- <person-id> locally)' },
        caseToken: { type: 'apiKey', in: 'header', name: 'X-Case-Token', description: 'The token returned when the complaint was made' },
        caseTokenQuery: { type: 'apiKey', in: 'query', name: 'token', description: 'The same token as a query parameter' },
      },
      schemas: {
        ComplaintForm: fromZod(complaintFormSchema),
        FirstContactForm: fromZod(firstContactFormSchema),
        CompleteTaskBody: fromZod(completeTaskBodySchema),
        AllegationCategory: { type: 'string', enum: [...ALLEGATION_CATEGORIES] },
        ComplaintAccepted: {
          type: 'object',
          required: ['ref', 'caseId', 'token', 'progressUrl'],
          properties: {
            ref: { type: 'string', pattern: '^CO-\\d{4}-\\d{6,}$', example: 'CO-2026-000123' },
            caseId: { type: 'string', format: 'uuid' },
            token: { type: 'string', description: 'Secret for the progress page (X-Case-Token); shown only here' },
            progressUrl: { type: 'string', example: '/complaints/CO-2026-000123/progress' },
          },
        },
        Progress: {
          type: 'object',
          required: ['ref', 'stage', 'receivedAt', 'lastUpdatedAt'],
          properties: {
            ref: { type: 'string' },
            stage: { type: 'string', examples: ['received', 'resolved-at-first-contact', 'assessment', 'handling', 'closed'] },
            receivedAt: { type: 'string', format: 'date-time' },
            lastUpdatedAt: { type: 'string', format: 'date-time' },
            closedAt: { type: 'string', format: 'date-time' },
            reviewWindowClosesOn: { type: 'string', format: 'date', description: 'Last day to ask for a review, once the outcome is sent' },
          },
        },
        ReviewAccepted: {
          type: 'object',
          required: ['ref', 'stage', 'reviews'],
          properties: { ref: { type: 'string' }, stage: { type: 'string' }, reviews: { type: 'integer' }, reviewWindowClosesOn: { type: 'string', format: 'date' } },
        },
        Task: {
          type: 'object',
          required: ['id', 'type', 'assigneeId', 'createdAt', 'dueAt'],
          properties: {
            id: { type: 'string' },
            type: { type: 'string' },
            assigneeId: { type: 'string' },
            managerId: { type: ['string', 'null'] },
            caseId: { type: 'string' },
            caseRef: { type: 'string' },
            workflowId: { type: 'string' },
            createdAt: { type: 'string', format: 'date-time' },
            dueAt: { type: 'string', format: 'date-time' },
            escalations: { type: 'integer' },
            completedAt: { type: ['string', 'null'], format: 'date-time' },
            completedBy: { type: ['string', 'null'] },
            mine: { type: 'boolean', description: 'In /me/tasks: assigned to me (false: to someone I manage)' },
          },
        },
        TaskList: { type: 'object', required: ['tasks'], properties: { tasks: { type: 'array', items: ref('Task') } } },
        CaseRecord: {
          type: 'object',
          required: ['case', 'state', 'workflow'],
          properties: {
            case: { type: 'object', description: 'The Case row with its allegations (personal data included; never the token hash)' },
            state: { type: ['object', 'null'], description: 'The workflow state query result, or null when it could not be read' },
            workflow: { type: 'string', enum: ['running', 'not-started', 'unavailable'] },
          },
        },
        ...conductOpenApiSchemas(),
        ...policyOpenApiSchemas(),
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string', description: 'Machine-readable code' },
            message: { type: 'string', description: 'For people' },
            fields: {
              type: 'array',
              description: 'With validation_failed: each bad field by dotted path',
              items: {
                type: 'object',
                required: ['field', 'message'],
                properties: { field: { type: 'string', example: 'complainant.email' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}
