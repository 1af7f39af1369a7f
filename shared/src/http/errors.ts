// Every error Probity's JSON APIs answer with is JSON: `{ error: <machine code>, message, ...}`.
// Stack traces and internal messages never leave the process; they go to the (redacted) log.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Logger } from '../log';
import { bodyErrorAnswer } from './hardening';

export { BODY_LIMIT, jsonBody } from './hardening';

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

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message, err.extra);
    const bodyError = bodyErrorAnswer(err);
    if (bodyError) return sendError(res, ...bodyError);
    // The router's own refusal: a path parameter that does not percent-decode.
    if (err instanceof URIError && (err as { status?: number }).status === 400) {
      return sendError(res, 400, 'invalid_request', 'the path is not valid percent-encoding', { fields: [{ field: 'path', message: 'not valid percent-encoding' }] });
    }
    // Other middleware's client errors (http-errors marks them `expose`).
    const status = (err as { status?: number; expose?: boolean })?.status;
    if (status && status >= 400 && status < 500 && (err as { expose?: boolean }).expose) {
      return sendError(res, status, 'invalid_request', 'the request is not valid');
    }
    log.error({ ...safeErrorFields(err), method: req.method, route: req.route?.path ?? '(unmatched)' }, 'request failed');
    sendError(res, 500, 'internal_error', 'something went wrong; the error has been logged');
  };
}
