// The OpenAPI 3.1 description of the casework API (staff only, provider-issued bearer tokens),
// served at GET /api/openapi.json: the task inbox, complaint case records and their tasks,
// complaints taken at first contact, conduct matters and the policy register. Request bodies are
// generated from the same zod schemas that validate them.
import { ALLEGATION_CATEGORIES } from '@probity/shared/domain/index';
import { firstContactFormSchema } from '@probity/shared/complaint/complaint-form';
import {
  COMMON_ERRORS,
  bearerAuthScheme,
  caseRefParam,
  complaintAcceptedSchema,
  errorResponse,
  errorSchema,
  fromZod,
  idempotencyParam,
  json,
  ref,
  type Json,
} from '@probity/shared/http/openapi';
import { completeTaskBodySchema } from './complaint/case-api';
import { CONDUCT_TAG, conductOpenApiPaths, conductOpenApiSchemas } from './conduct/conduct-openapi';
import { POLICY_TAG, policyOpenApiPaths, policyOpenApiSchemas } from './policy/policy-openapi';
import { STATISTICS_TAG, statisticsOpenApiPaths } from './statistics/statistics-openapi';

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Probity casework API',
      version: '1.0.0',
      description:
        "For staff signed in with the force's OpenID provider: the task inbox, complaint case records and their tasks, complaints taken at first contact, conduct matters and the policy register. Every call carries an access token from the provider; the person it names must be active in the register.",
    },
    servers: [{ url: '/api' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'front-line', description: 'Officers and staff recording complaints' },
      { name: 'casework', description: 'PSD handlers, investigators and managers' },
      CONDUCT_TAG,
      POLICY_TAG,
      STATISTICS_TAG,
    ],
    paths: {
      '/complaints/first-contact': {
        post: {
          tags: ['front-line'],
          operationId: 'recordFirstContactComplaint',
          summary: 'Record a complaint taken at first contact (§3.2.2)',
          description:
            'For front-line officers and staff, supervisors and PSD. If resolved there and then, the case is closed as resolved at first contact and the complaints team is told; otherwise it goes straight to PSD assessment. Nobody records a complaint about themselves or their own team (403 conflict_of_interest), and a complaint that must be recorded under Schedule 3 (the complainant wants it; possible crime or misconduct; death or serious injury; ECHR art 2/3; a mandatory IOPC referral category) cannot be resolved at first contact (422 first_contact_not_allowed, naming firstContact.resolved). A serious-corruption complaint is stored restricted.',
          security: [{ bearerAuth: [] }],
          parameters: [idempotencyParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('FirstContactForm') } } },
          responses: {
            202: json(ref('ComplaintAccepted'), 'Accepted'),
            400: COMMON_ERRORS[400],
            401: COMMON_ERRORS[401],
            403: errorResponse("The role may not record complaints, or the recorder is a subject or in a subject's team", ['forbidden', 'conflict_of_interest'], { basis: { type: 'string' } }),
            409: errorResponse('The Idempotency-Key was already used with a different request', ['idempotency_key_reused']),
            413: COMMON_ERRORS[413],
            415: COMMON_ERRORS[415],
            422: errorResponse('The law requires it to be recorded under Schedule 3: it cannot be resolved at first contact (`field` is firstContact.resolved)', ['first_contact_not_allowed'], {
              field: { type: 'string' },
              basis: { type: 'string' },
            }),
            500: COMMON_ERRORS[500],
          },
        },
      },
      '/me/tasks': {
        get: {
          tags: ['casework'],
          operationId: 'myTasks',
          summary: 'My open tasks, and those of the people I manage',
          security: [{ bearerAuth: [] }],
          responses: { 200: json(ref('TaskList'), 'Open tasks, earliest due first'), 401: COMMON_ERRORS[401] },
        },
      },
      '/cases/{ref}': {
        get: {
          tags: ['casework'],
          operationId: 'caseRecord',
          summary: 'The case record and its workflow state (PSD roles only)',
          security: [{ bearerAuth: [] }],
          parameters: [caseRefParam],
          responses: { 200: json(ref('CaseRecord'), 'The case'), 401: COMMON_ERRORS[401], 403: COMMON_ERRORS[403], 404: COMMON_ERRORS[404] },
        },
      },
      '/cases/{ref}/tasks/{taskId}/complete': {
        post: {
          tags: ['casework'],
          operationId: 'completeTask',
          summary: 'Complete a workflow task',
          description: 'Runs the workflow update completeTask; its validator checks the actor, the stage and the payload.',
          security: [{ bearerAuth: [] }],
          parameters: [caseRefParam, { name: 'taskId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: false, content: { 'application/json': { schema: ref('CompleteTaskBody') } } },
          responses: {
            200: json({ type: 'object', required: ['task'], properties: { task: ref('Task') } }, 'The completed task'),
            400: COMMON_ERRORS[400],
            401: COMMON_ERRORS[401],
            404: errorResponse('No running workflow for this reference', ['not_found']),
            409: errorResponse('The workflow refused: wrong actor, wrong stage or a bad payload; `message` says which', ['task_refused']),
            415: COMMON_ERRORS[415],
            503: COMMON_ERRORS[503],
          },
        },
      },
      ...conductOpenApiPaths(),
      ...policyOpenApiPaths(),
      ...statisticsOpenApiPaths(),
      '/openapi.json': {
        get: { tags: ['casework'], operationId: 'openApi', summary: 'This document', security: [], responses: { 200: json({ type: 'object' }, 'OpenAPI 3.1') } },
      },
    },
    components: {
      securitySchemes: { bearerAuth: bearerAuthScheme },
      schemas: {
        FirstContactForm: fromZod(firstContactFormSchema),
        CompleteTaskBody: fromZod(completeTaskBodySchema),
        AllegationCategory: { type: 'string', enum: [...ALLEGATION_CATEGORIES] },
        ComplaintAccepted: complaintAcceptedSchema,
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
        Error: errorSchema,
      },
    },
  };
}
