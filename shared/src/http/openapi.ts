// The building blocks of Probity's OpenAPI 3.1 documents (each service serves its own). Request
// bodies are generated from the same zod schemas that validate them, so a document cannot drift
// from its routes.
import { z } from 'zod';
import { BODY_LIMIT } from './errors';

export type Json = Record<string, unknown>;

export const fromZod = (schema: z.ZodType): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
  return rest;
};

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const json = (schema: Json, description: string, headers?: Json) => ({
  description,
  ...(headers && { headers }),
  content: { 'application/json': { schema } },
});

/** An error answer: the Error schema with its `error` codes (and any extra properties). */
export const errorResponse = (description: string, codes: string[], extra: Json = {}) =>
  json({ allOf: [ref('Error'), { properties: { error: { enum: codes }, ...extra } }] }, description);

/** The answers every JSON API may give, by status. */
export const COMMON_ERRORS = {
  400: errorResponse('Validation failed (`fields` names each bad field by dotted path) or malformed JSON', ['validation_failed', 'invalid_json']),
  401: errorResponse('No bearer token, or an invalid or expired one, or one naming no active person', ['unauthorized']),
  403: errorResponse("The signed-in person's role may not do this", ['forbidden']),
  404: errorResponse('Not found', ['not_found']),
  413: errorResponse(`Body larger than ${BODY_LIMIT}`, ['payload_too_large']),
  415: errorResponse('Body is not application/json', ['unsupported_media_type']),
  429: errorResponse('Rate limit reached; see the RateLimit and Retry-After headers', ['rate_limited']),
  500: errorResponse('Unexpected error (logged; no details are returned)', ['internal_error']),
  503: errorResponse('The case workflow service (or sign-in checking) did not answer', ['unavailable']),
};

export const caseRefParam = { name: 'ref', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z]{2}-\\d{4}-\\d{6,}$' }, example: 'CO-2026-000123' };

export const idempotencyParam = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the POST safe to retry: the same key with the same body returns the first response (same ref and token) and never creates a second case; the same key with a different body is a 409.',
  schema: { type: 'string', minLength: 8, maxLength: 200 },
};

/** Bearer access tokens from the force's OpenID provider. */
export const bearerAuthScheme = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: "An access token from the force's OpenID provider (locally: npm run -s token -- <person-id>)",
};

export const errorSchema: Json = {
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
};

/** The receipt of a recorded complaint (public form or first contact). */
export const complaintAcceptedSchema: Json = {
  type: 'object',
  required: ['ref', 'caseId', 'token', 'progressUrl'],
  properties: {
    ref: { type: 'string', pattern: '^CO-\\d{4}-\\d{6,}$', example: 'CO-2026-000123' },
    caseId: { type: 'string', format: 'uuid' },
    token: { type: 'string', description: 'Secret for the progress page (X-Case-Token); shown only here' },
    progressUrl: { type: 'string', example: '/complaints/CO-2026-000123/progress' },
  },
};
