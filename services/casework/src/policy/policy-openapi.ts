// The policy register's part of the casework OpenAPI document (openapi.ts spreads it in). Request
// bodies are generated from the zod schemas that validate them.
import { errorResponse, fromZod, json, ref, type Json } from '@probity/shared/http/openapi';
import { REVIEW_OUTCOMES } from '@probity/workflows/policy/contract';
import { POLICY_STATUSES } from '@probity/workflows/policy/policy-status';
import { RISK_RATINGS, policyFormSchema, policyOwnerBodySchema, policyReviewBodySchema } from './policy-api';

const error = errorResponse;

const E = {
  400: error('Validation failed (`fields` names each bad field) or malformed JSON', ['validation_failed', 'invalid_json']),
  401: error('No bearer token, or an invalid or expired one', ['unauthorized']),
  403: error("The signed-in person's role may not do this", ['forbidden']),
  404: error('No such policy in the register', ['not_found']),
  415: error('Body is not application/json', ['unsupported_media_type']),
  503: error('The policy review workflow (Temporal) did not answer; try again', ['unavailable']),
};

const policyRefParam = { name: 'policyRef', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z][A-Z0-9-]{0,39}$' }, example: 'P02' };
const date = { type: 'string', format: 'date' };
const withState = json(
  { type: 'object', required: ['policy', 'state'], properties: { policy: ref('Policy'), state: ref('PolicyReviewState') } },
  'The policy as the register now has it, and its review workflow\'s state',
);

export const POLICY_TAG = { name: 'policies', description: 'The policy register and two-yearly policy reviews (P02 §7.1)' };

export function policyOpenApiPaths(): Json {
  return {
    '/policies': {
      get: {
        tags: ['policies'],
        operationId: 'listPolicies',
        summary: 'The policy register: each policy with its owner, next review and status',
        security: [{ bearerAuth: [] }],
        parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string', enum: [...POLICY_STATUSES] } }],
        responses: {
          200: json({ type: 'object', required: ['today', 'policies'], properties: { today: date, policies: { type: 'array', items: ref('Policy') } } }, 'Policies, earliest next review first'),
          400: E[400],
          401: E[401],
        },
      },
      post: {
        tags: ['policies'],
        operationId: 'addPolicy',
        summary: 'Add a policy to the register and start its review cycle (head of PSD or a PSD manager)',
        description:
          'Starts the workflow policy-review-<ref>, which reminds the owner ahead of each review and escalates an overdue one. Safe to retry: the same policy again answers 200 (and makes sure its workflow runs); a different policy with the same ref is a 409.',
        security: [{ bearerAuth: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: ref('PolicyForm') } } },
        responses: {
          201: json({ type: 'object', required: ['policy', 'workflowId'], properties: { policy: ref('Policy'), workflowId: { type: 'string', example: 'policy-review-P02' } } }, 'Added; its review workflow runs'),
          200: json({ type: 'object', required: ['policy', 'workflowId'], properties: { policy: ref('Policy'), workflowId: { type: 'string' } } }, 'Already added by an identical earlier request'),
          400: E[400],
          401: E[401],
          403: E[403],
          409: error('Another policy with this ref is in the register', ['policy_exists']),
          415: E[415],
          503: E[503],
        },
      },
    },
    '/policies/{policyRef}': {
      get: {
        tags: ['policies'],
        operationId: 'policy',
        summary: 'A policy, its review history and its review workflow\'s state',
        security: [{ bearerAuth: [] }],
        parameters: [policyRefParam],
        responses: {
          200: json(
            {
              type: 'object',
              required: ['policy', 'reviews', 'state', 'workflow'],
              properties: {
                policy: ref('Policy'),
                reviews: { type: 'array', items: ref('PolicyReview') },
                state: { oneOf: [ref('PolicyReviewState'), { type: 'null' }] },
                workflow: { type: 'string', enum: ['running', 'not-started', 'unavailable'] },
              },
            },
            'The policy',
          ),
          401: E[401],
          404: E[404],
        },
      },
    },
    '/policies/{policyRef}/reviews': {
      post: {
        tags: ['policies'],
        operationId: 'recordPolicyReview',
        summary: 'Record a review: no amendments, or amended to a new version; the next review is two years on',
        description: 'Runs the workflow update `reviewed`. Only the owner, their manager or the head of PSD may; a refusal is a 409 saying why.',
        security: [{ bearerAuth: [] }],
        parameters: [policyRefParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('PolicyReviewBody') } } },
        responses: {
          200: withState,
          400: E[400],
          401: E[401],
          404: E[404],
          409: error('The workflow refused the review (who may, version); `message` says why', ['review_refused']),
          415: E[415],
          503: E[503],
        },
      },
    },
    '/policies/{policyRef}/owner': {
      put: {
        tags: ['policies'],
        operationId: 'changePolicyOwner',
        summary: 'Hand the policy to a new owner; reminders go to them from then on',
        description: 'Runs the workflow update `changeOwner`. The head of PSD, a PSD manager or the current owner\'s manager may; a refusal is a 409 saying why.',
        security: [{ bearerAuth: [] }],
        parameters: [policyRefParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('PolicyOwnerBody') } } },
        responses: {
          200: withState,
          400: E[400],
          401: E[401],
          404: E[404],
          409: error('The workflow refused the change; `message` says why', ['owner_change_refused']),
          415: E[415],
          503: E[503],
        },
      },
    },
  };
}

export function policyOpenApiSchemas(): Json {
  return {
    PolicyForm: fromZod(policyFormSchema),
    PolicyReviewBody: fromZod(policyReviewBodySchema),
    PolicyOwnerBody: fromZod(policyOwnerBodySchema),
    Policy: {
      type: 'object',
      required: ['id', 'ref', 'title', 'owner', 'version', 'lastReviewedOn', 'lastReviewOutcome', 'equalityImpact', 'riskRating', 'nextReviewDue', 'status'],
      properties: {
        id: { type: 'string' },
        ref: { type: 'string', example: 'P02' },
        title: { type: 'string', example: 'Standards of professional behaviour' },
        owner: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: ['string', 'null'] } } },
        version: { type: 'string', example: '1.0' },
        lastReviewedOn: date,
        lastReviewOutcome: { type: 'string', enum: [...REVIEW_OUTCOMES] },
        equalityImpact: { type: 'string', description: '§4.1: the equality impact assessment\'s result' },
        riskRating: { type: 'string', enum: [...RISK_RATINGS], description: '§5.1' },
        nextReviewDue: date,
        status: { type: 'string', enum: [...POLICY_STATUSES], description: "'overdue' once the due day has ended; 'due-soon' from the first reminder day" },
        dueSoonFrom: { type: ['string', 'null'], format: 'date', description: 'The first reminder day (the longest lead time before nextReviewDue)' },
        updatedAt: { type: 'string', format: 'date-time' },
      },
    },
    PolicyReview: {
      type: 'object',
      required: ['id', 'reviewedOn', 'outcome', 'reviewerId'],
      properties: {
        id: { type: 'string' },
        reviewedOn: date,
        outcome: { type: 'string', enum: [...REVIEW_OUTCOMES] },
        newVersion: { type: ['string', 'null'] },
        reviewerId: { type: 'string' },
        notes: { type: ['string', 'null'] },
      },
    },
    PolicyReviewState: {
      type: 'object',
      description: 'The review workflow\'s state query',
      required: ['ref', 'owner', 'nextReviewDue', 'status', 'remindersSent', 'escalations', 'cycle'],
      properties: {
        policyId: { type: 'string' },
        ref: { type: 'string' },
        owner: { type: 'string' },
        ownerManager: { type: ['string', 'null'] },
        version: { type: 'string' },
        nextReviewDue: date,
        status: { type: 'string', enum: [...POLICY_STATUSES] },
        cycle: { type: 'integer', description: '1 for the review period the workflow started in, +1 per recorded review' },
        remindersSent: {
          type: 'array',
          items: { type: 'object', properties: { on: date, to: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
        },
        escalations: { type: 'integer', description: 'Overdue escalations sent in this review period' },
        lastEscalation: { type: 'object', properties: { level: { type: 'integer' }, to: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
        lastReview: {
          type: 'object',
          properties: { reviewedOn: date, outcome: { type: 'string', enum: [...REVIEW_OUTCOMES] }, version: { type: 'string' }, by: { type: 'string' } },
        },
        continuedAsNew: { type: 'integer' },
      },
    },
  };
}
