// The OpenAPI 3.1 description of the public intake API, served at GET /openapi.json: the
// complaint form's JSON API, the complainant's progress and review request. Request bodies are
// generated from the same zod schemas that validate them, so the document cannot drift from them.
import { ALLEGATION_CATEGORIES } from '@probity/shared/domain/index';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import { reviewRequestSchema } from './complaint/complainant-access';
import {
  COMMON_ERRORS,
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

const rateLimitHeaders = {
  RateLimit: { description: 'IETF draft-8 RateLimit header: remaining quota and reset', schema: { type: 'string' } },
  'RateLimit-Policy': { description: 'IETF draft-8 RateLimit-Policy header', schema: { type: 'string' } },
};

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Probity intake API',
      version: '2.0.0',
      description:
        "Complaints about the police from the public (no sign-in), and the complainant's progress and review request with their case token, sent in the X-Case-Token header (never in the URL). The same service serves the public pages (the complaint form, progress, review) at /, validated with the same schemas. Personal data stays in Postgres: the case.received event carries ids and categories only. Staff work cases through the casework service (its own document at /api/openapi.json there).",
    },
    servers: [{ url: '/' }],
    tags: [{ name: 'public', description: 'Member of the public: no account' }],
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
            400: COMMON_ERRORS[400],
            409: errorResponse('The Idempotency-Key was already used with a different body', ['idempotency_key_reused']),
            413: COMMON_ERRORS[413],
            415: COMMON_ERRORS[415],
            429: COMMON_ERRORS[429],
            500: COMMON_ERRORS[500],
          },
        },
      },
      '/complaints/{ref}/progress': {
        get: {
          tags: ['public'],
          operationId: 'complaintProgress',
          summary: 'Where my complaint is',
          security: [{ caseToken: [] }],
          parameters: [caseRefParam],
          responses: {
            200: json(ref('Progress'), 'Progress of the complaint'),
            404: errorResponse('Unknown reference, or a missing or wrong token (the two are indistinguishable)', ['not_found']),
            429: COMMON_ERRORS[429],
          },
        },
      },
      '/complaints/{ref}/review': {
        post: {
          tags: ['public'],
          operationId: 'requestReview',
          summary: 'Ask for a review of the outcome (within 28 days of being told, C&M reg 29)',
          security: [{ caseToken: [] }],
          parameters: [caseRefParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReviewRequest') } } },
          responses: {
            200: json(ref('ReviewAccepted'), 'The review request was accepted'),
            400: COMMON_ERRORS[400],
            404: errorResponse('Unknown reference, or a missing or wrong token', ['not_found']),
            409: errorResponse('The workflow refused the review (e.g. the review window is closed); `message` says why', ['review_refused']),
            413: COMMON_ERRORS[413],
            415: COMMON_ERRORS[415],
            429: COMMON_ERRORS[429],
            503: COMMON_ERRORS[503],
          },
        },
      },
      '/openapi.json': {
        get: { tags: ['public'], operationId: 'openApi', summary: 'This document', security: [], responses: { 200: json({ type: 'object' }, 'OpenAPI 3.1') } },
      },
    },
    components: {
      securitySchemes: {
        caseToken: { type: 'apiKey', in: 'header', name: 'X-Case-Token', description: 'The token returned when the complaint was made. Only this header is read: a token in the query string is ignored (URLs end up in logs).' },
      },
      schemas: {
        ComplaintForm: fromZod(complaintFormSchema),
        AllegationCategory: { type: 'string', enum: [...ALLEGATION_CATEGORIES] },
        ComplaintAccepted: complaintAcceptedSchema,
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
        ReviewRequest: fromZod(reviewRequestSchema),
        ReviewAccepted: {
          type: 'object',
          required: ['ref', 'stage', 'reviews'],
          properties: { ref: { type: 'string' }, stage: { type: 'string' }, reviews: { type: 'integer' }, reviewWindowClosesOn: { type: 'string', format: 'date' } },
        },
        Error: errorSchema,
      },
    },
  };
}
