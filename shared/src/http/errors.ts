// Every error Probity's JSON APIs answer with is JSON: `{ error: <machine code>, message, ...}`.
// Stack traces and internal messages never leave the process; they go to the (redacted) log.
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { Logger } from '../log';

export interface FieldIssue {
  field: string;
  message: string;
}

/** Zod issues as `{ field: 'complainant.email', message }`, one per bad field. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : '(body)';
    const key = `${field}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message: issue.message });
  }
  return out;
}

/** Largest JSON body accepted (the form is text only). */
export const BODY_LIMIT = '64kb';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error: code, message, ...extra });
}

export function validationFailed(fields: FieldIssue[], message = 'the request is not valid'): HttpError {
  return new HttpError(400, 'validation_failed', message, { fields });
}

/** Parses with a zod schema or throws a 400 naming each bad field by its dotted path. */
export function parseOr400<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldIssues(parsed.error);
    throw validationFailed(fields, `${fields.length} field${fields.length === 1 ? '' : 's'} not valid: ${fields.map((f) => f.field).join(', ')}`);
  }
  return parsed.data;
}

/**
 * JSON bodies: 415 for any other content type (an empty body with no type is allowed where
 * `optional`), 413 over the limit, 400 for malformed JSON (from the error handler below).
 */
export function jsonBody(opts: { optional?: boolean } = {}): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (opts.optional && !hasBody) return next();
    if (!req.is('application/json')) {
      return next(new HttpError(415, 'unsupported_media_type', 'send the request body as application/json'));
    }
    next();
  };
  return [requireJson, express.json({ limit: BODY_LIMIT, strict: true, type: 'application/json' })];
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `no such resource: ${req.method} ${req.path}`);
};

/**
 * What of an unexpected error may be logged. Prisma's messages quote the query's arguments, which
 * can include a complainant's details: for its errors only the class, code and model are kept.
 */
export function safeErrorFields(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; message?: string; stack?: string; code?: unknown; meta?: { modelName?: unknown } } | undefined;
  const name = e?.name ?? typeof err;
  if (name.startsWith('PrismaClient')) return { errName: name, code: e?.code, model: e?.meta?.modelName };
  return { errName: name, err: e?.message, stack: e?.stack };
}

/** body-parser's error types, mapped to our answers. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'invalid_json', 'the request body is not valid JSON'],
  'entity.too.large': [413, 'payload_too_large', `the request body is larger than ${BODY_LIMIT}`],
  'entity.verify.failed': [400, 'invalid_json', 'the request body could not be read'],
  'request.aborted': [400, 'request_aborted', 'the request was aborted'],
  'request.size.invalid': [400, 'invalid_request', 'the request size does not match its Content-Length'],
  'encoding.unsupported': [415, 'unsupported_media_type', 'unsupported content encoding'],
  'charset.unsupported': [415, 'unsupported_media_type', 'unsupported charset: use utf-8'],
  'stream.encoding.set': [500, 'internal_error', 'internal error'],
};

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message, err.extra);
    const bodyError = BODY_ERRORS[(err as { type?: string })?.type ?? ''];
    if (bodyError) return sendError(res, ...bodyError);
    log.error({ ...safeErrorFields(err), method: req.method, route: req.route?.path ?? '(unmatched)' }, 'request failed');
    sendError(res, 500, 'internal_error', 'something went wrong; the error has been logged');
  };
}
