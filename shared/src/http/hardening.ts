// What every Probity HTTP API does with input before a route sees it, so that no bad input
// becomes a 500 or reaches Postgres: JSON bodies only (a Content-Encoding that does not decode is a
// 400 naming the header), no NUL character and no lone UTF-16 surrogate in any text (Postgres
// refuses the first; the second is silently mangled into U+FFFD), no structure nested deeper than
// MAX_DEPTH, 405 with `Allow` for a method a path does not have, and `Cache-Control: no-store`
// on every answer (they carry personal data).
import express, { type RequestHandler } from 'express';
import { HttpError, validationFailed, type FieldIssue } from './errors';

/** Largest JSON body accepted (the forms are text only). */
export const BODY_LIMIT = '64kb';
/** Deepest nesting of arrays and objects accepted in a body (the deepest real payload is 4). */
export const MAX_DEPTH = 32;

// With the `u` flag a surrogate pair is one code point, so only an unpaired half matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The first problem with a piece of text, or undefined. */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(s)) return 'must be well-formed Unicode (a lone UTF-16 surrogate was sent)';
  return undefined;
}

/**
 * Every bad text (keys included) and the first place nested too deep, by dotted path. Iterative,
 * so a hostile nesting cannot overflow the stack here.
 */
export function inputProblems(value: unknown, root = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 0 }];
  let tooDeep = false;
  while (stack.length && issues.length < 20) {
    const { v, path, depth } = stack.pop()!;
    const name = path || '(body)';
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) issues.push({ field: name, message: `${name} ${p}` });
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) {
        if (!tooDeep) issues.push({ field: name, message: `${name} is nested more than ${MAX_DEPTH} levels deep` });
        tooDeep = true;
        continue;
      }
      for (const [k, child] of Object.entries(v)) {
        const childPath = path ? `${path}.${k}` : k;
        const kp = textProblem(k);
        if (kp) issues.push({ field: path || '(body)', message: `a key in ${path || 'the body'} ${kp}` });
        else stack.push({ v: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  return issues;
}

const refuse = (issues: FieldIssue[]) =>
  validationFailed(issues, `${issues.length} field${issues.length === 1 ? '' : 's'} not valid: ${[...new Set(issues.map((i) => i.field))].join(', ')}`);

/** Path parameters and the query string: the same text rules as bodies. */
export const hardenedInput: RequestHandler = (req, _res, next) => {
  const issues = [...inputProblems({ ...req.params }), ...inputProblems(req.query)];
  next(issues.length ? refuse(issues) : undefined);
};

/** The encodings express.json decodes; anything else is a 415. */
const DECODED = new Set(['identity', 'gzip', 'br', 'deflate']);

/**
 * JSON bodies: 415 for any other content type or encoding (an empty body with no type is allowed
 * where `optional`), 413 over the limit, 400 for malformed JSON or a body that does not decode, and
 * the text and depth rules above.
 */
export function jsonBody(opts: { optional?: boolean; limit?: string } = {}): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (opts.optional && !hasBody) return next();
    if (!req.is('application/json')) {
      return next(new HttpError(415, 'unsupported_media_type', 'send the request body as application/json'));
    }
    const encoding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
    if (!DECODED.has(encoding)) {
      return next(new HttpError(415, 'unsupported_media_type', `Content-Encoding ${JSON.stringify(encoding.slice(0, 40))} is not supported: send gzip, br, deflate or none`, { fields: [{ field: 'Content-Encoding', message: 'use gzip, br, deflate or none' }] }));
    }
    next();
  };
  const checkText: RequestHandler = (req, _res, next) => {
    const issues = req.body === undefined ? [] : inputProblems(req.body);
    next(issues.length ? refuse(issues) : undefined);
  };
  return [requireJson, express.json({ limit: opts.limit ?? BODY_LIMIT, strict: true, type: 'application/json' }), checkText];
}

/** 405 for a known path asked with a method it does not have (OPTIONS: 204), naming those it has. */
export function methodNotAllowed(methods: string[]): RequestHandler {
  const allow = [...new Set(methods.flatMap((m) => (m === 'get' ? ['GET', 'HEAD'] : [m.toUpperCase()])))].concat('OPTIONS').join(', ');
  return (req, res) => {
    res.set({ Allow: allow, 'Cache-Control': 'no-store' });
    if (req.method === 'OPTIONS') return void res.status(204).end();
    res.status(405).json({ error: 'method_not_allowed', message: `${req.method} is not allowed here; use ${allow}` });
  };
}

/**
 * body-parser's errors, as our answers. A body whose Content-Encoding does not decode (zlib's or
 * brotli's error, which carry no `type`) names the header.
 */
export function bodyErrorAnswer(err: unknown): [number, string, string, Record<string, unknown>?] | undefined {
  const e = err as { type?: string; status?: number; code?: string; expose?: boolean };
  switch (e?.type) {
    case 'entity.parse.failed':
      return [400, 'invalid_json', 'the request body is not valid JSON'];
    case 'entity.too.large':
      return [413, 'payload_too_large', `the request body is larger than ${BODY_LIMIT}`];
    case 'entity.verify.failed':
      return [400, 'invalid_json', 'the request body could not be read'];
    case 'request.aborted':
      return [400, 'request_aborted', 'the request was aborted'];
    case 'request.size.invalid':
      return [400, 'invalid_request', 'the request size does not match its Content-Length'];
    case 'encoding.unsupported':
      return [415, 'unsupported_media_type', 'unsupported content encoding', { fields: [{ field: 'Content-Encoding', message: 'use gzip, br, deflate or none' }] }];
    case 'charset.unsupported':
      return [415, 'unsupported_media_type', 'unsupported charset: use utf-8', { fields: [{ field: 'Content-Type', message: 'use charset=utf-8' }] }];
  }
  if (e?.status === 400 && e.expose && typeof e.code === 'string' && (e.code.startsWith('Z_') || e.code.startsWith('ERR_'))) {
    return [400, 'invalid_encoding', 'the request body does not decode as its Content-Encoding says', { fields: [{ field: 'Content-Encoding', message: 'the body is not encoded this way' }] }];
  }
  return undefined;
}
