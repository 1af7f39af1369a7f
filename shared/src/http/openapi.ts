// Probity's OpenAPI 3.1 documents (each service serves its own), written from the operations it
// registers (api.ts): every parameter, body and answer is the zod schema the code parses or
// answers with, converted by zod's own JSON Schema output. A zod schema with `.meta({ id })`
// becomes a named component; everything else is inline. Nothing here is written by hand but
// the words.
import { z } from 'zod';
import { openApiPath, operation, reply, type Api, type Json, type OperationSpec, type ResponseSpec, type Security } from './api';
import { BODY_LIMIT } from './hardening';

export type { Json } from './api';

type Io = 'input' | 'output';

/** One place that turns zod into JSON Schema, hoisting named schemas into `components`. */
class SchemaWriter {
  readonly components: Record<string, Json> = {};
  private readonly seenAs = new Map<string, string>();

  write(schema: z.ZodType, io: Io): Json {
    const { $schema: _s, $defs, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline', cycles: 'ref' }) as Json & {
      $defs?: Record<string, Json>;
    };
    for (const [id, def] of Object.entries($defs ?? {})) this.add(id, relink(def) as Json, io);
    const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
    if (id) {
      // zod writes a named root as a $ref to its own $defs entry, already added above.
      if (!$defs?.[id]) this.add(id, relink(rest) as Json, io);
      return { $ref: `#/components/schemas/${id}` };
    }
    return relink(rest) as Json;
  }

  private add(id: string, def: Json, io: Io) {
    const text = JSON.stringify(def);
    const earlier = this.seenAs.get(id);
    if (earlier !== undefined && earlier !== text) {
      throw new Error(`schema ${id} reads differently as ${io} than where it was first used: give the ${io} side its own id`);
    }
    this.seenAs.set(id, text);
    this.components[id] = def;
  }
}

/** `#/$defs/X` → `#/components/schemas/X`, everywhere in a converted schema. */
function relink(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relink);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : relink(v)]),
  );
}

const optional = (schema: z.ZodType) => schema.safeParse(undefined).success;

function parameters(w: SchemaWriter, op: OperationSpec): Json[] {
  const out: Json[] = [];
  const add = (where: 'path' | 'query' | 'header', name: string, schema: z.ZodType) => {
    const { description, ...json } = w.write(schema, 'input') as Json & { description?: string };
    out.push({ name, in: where, required: where === 'path' || !optional(schema), ...(description ? { description } : {}), schema: json });
  };
  for (const [name, schema] of Object.entries(op.params?.shape ?? {})) add('path', name, schema as z.ZodType);
  for (const [name, schema] of Object.entries(op.query?.shape ?? {})) add('query', name, schema as z.ZodType);
  for (const [name, schema] of Object.entries(op.headers ?? {})) add('header', name, schema);
  return out;
}

function response(w: SchemaWriter, spec: ResponseSpec): Json {
  return {
    description: spec.description,
    ...(spec.headers && { headers: spec.headers }),
    ...(spec.schema && { content: { [spec.contentType ?? 'application/json']: { schema: w.write(spec.schema, 'output') } } }),
  };
}

/** The answers every operation may give, added where its own list leaves them out. */
function impliedResponses(op: OperationSpec): Record<number, ResponseSpec> {
  const hasInput = Boolean(op.params || op.query || op.headers || op.body);
  const out: Record<number, ResponseSpec> = { 500: COMMON_ERRORS[500] };
  if (hasInput) out[400] = COMMON_ERRORS[400];
  if (op.body) Object.assign(out, { 413: COMMON_ERRORS[413], 415: COMMON_ERRORS[415] });
  return out;
}

export interface DocumentSpec {
  title: string;
  version: string;
  description: string;
  /** Where the operations' paths are mounted (e.g. `/api`). */
  serverUrl?: string;
  tags?: { name: string; description: string }[];
  securitySchemes?: Record<string, Json>;
  /** The default for operations that say nothing. */
  security?: Security;
  operations: readonly OperationSpec[];
}

export function openApiDocument(spec: DocumentSpec): Json {
  const w = new SchemaWriter();
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of spec.operations) {
    const responses = { ...impliedResponses(op), ...op.responses };
    const params = parameters(w, op);
    (paths[openApiPath(op.path)] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description && { description: op.description }),
      ...(op.tags && { tags: op.tags }),
      ...(op.security && { security: op.security }),
      ...(params.length && { parameters: params }),
      ...(op.body && {
        requestBody: { required: op.bodyRequired !== false, content: { 'application/json': { schema: w.write(op.body, 'input') } } },
      }),
      responses: Object.fromEntries(Object.entries(responses).map(([status, r]) => [status, response(w, r)])),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: spec.title, version: spec.version, description: spec.description },
    servers: [{ url: spec.serverUrl ?? '/' }],
    ...(spec.security && { security: spec.security }),
    ...(spec.tags && { tags: spec.tags }),
    paths,
    components: { ...(spec.securitySchemes && { securitySchemes: spec.securitySchemes }), schemas: w.components },
  };
}

// ── The shapes every API shares ─────────────────────────────────────────────────────────────

export const fieldIssueSchema = z
  .object({ field: z.string().meta({ example: 'complainant.email' }), message: z.string() })
  .meta({ id: 'FieldIssue', description: 'One bad field, by dotted path (or the header or parameter name)' });

/** An error answer's body: `error` is one of `codes`; `extra` adds properties (e.g. `basis`). */
export const errorBody = <const C extends readonly [string, ...string[]], E extends z.ZodRawShape = Record<never, never>>(codes: C, extra: E = {} as E) =>
  z.object({
    error: z.enum(codes).describe('Machine-readable code'),
    message: z.string().describe('For people'),
    fields: z.array(fieldIssueSchema).optional().describe('Each bad field, with validation_failed and the encoding errors'),
    ...extra,
  });

/** An error answer: its description and codes. */
export const errors = <const C extends readonly [string, ...string[]], E extends z.ZodRawShape = Record<never, never>>(description: string, codes: C, extra: E = {} as E) => ({
  description,
  schema: errorBody(codes, extra),
});

/** The codes of a 400 from the shared layers (hardening.ts, errors.ts). */
export const BAD_INPUT_CODES = ['validation_failed', 'invalid_json', 'invalid_encoding', 'invalid_request', 'request_aborted'] as const;

/** The answers of the shared layers (hardening, sign-in, errors), by status. */
export const COMMON_ERRORS = {
  400: errors('Validation failed (`fields` names each bad field by dotted path, header or parameter), malformed JSON, or a body that does not decode as its Content-Encoding says', BAD_INPUT_CODES),
  401: errors('No bearer token, or an invalid or expired one, or one naming no active person', ['unauthorized']),
  403: errors("The signed-in person's role may not do this", ['forbidden']),
  404: errors('Not found', ['not_found']),
  413: errors(`Body larger than ${BODY_LIMIT}`, ['payload_too_large']),
  415: errors('Body is not application/json, or its Content-Encoding or charset is not supported', ['unsupported_media_type']),
  429: errors('Rate limit reached; see the RateLimit and Retry-After headers', ['rate_limited'], {
    retryAfterSeconds: z.number().int().min(0).describe('Seconds until the limit resets (as Retry-After)'),
  }),
  500: errors('Unexpected error (logged; no details are returned)', ['internal_error']),
  503: errors('A dependency (the case workflows, or sign-in checking) did not answer; try again shortly', ['unavailable']),
} satisfies Record<number, ResponseSpec>;

/** Case references: CO-2026-000123 (complaints), CM-2026-000123 (conduct matters). */
export const caseRefSchema = z.string().regex(/^[A-Z]{2}-\d{4}-\d{6,}$/, 'ref must be a case reference such as CO-2026-000123').meta({ example: 'CO-2026-000123' });

/** Bearer access tokens from the force's OpenID provider. */
export const bearerAuthScheme = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: "An access token from the force's OpenID provider (locally: npm run -s token -- <person-id>)",
};
export const BEARER: Security = [{ bearerAuth: [] }];
export const ANYONE: Security = [];

export const isoDateTime = z.iso.datetime({ offset: false });
export const isoDate = z.iso.date();

export const idempotentHeaders = {
  Location: { description: 'Where the new case can be followed', schema: { type: 'string' } },
  'Idempotent-Replayed': { description: '"true" when this is the stored answer to an earlier request with the same key', schema: { type: 'string' } },
};

/** GET /openapi.json: the document of every operation registered on `api`, written once, on first use. */
export function serveOpenApi(api: Api, spec: Omit<DocumentSpec, 'operations'>): () => Json {
  let written: Json | undefined;
  const document = () => (written ??= openApiDocument({ ...spec, operations: api.operations }));
  api.route(
    operation({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApi',
      summary: 'This document',
      security: ANYONE,
      responses: { 200: { description: 'OpenAPI 3.1', schema: z.object({ openapi: z.literal('3.1.0') }).loose() } },
    }),
    async () => reply(200, document() as { openapi: '3.1.0' }),
  );
  return document;
}
