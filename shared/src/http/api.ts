// One description per HTTP operation, used three ways: to mount the express route (its parameters
// and body parsed by the operation's zod schemas, its answer typed by them), to write the service's
// OpenAPI document (openapi.ts), and to answer 405 with `Allow` for a method the path does not
// have. A route and its documentation cannot drift apart: they are the same object.
import { Router, type RequestHandler, type Request, type Response } from 'express';
import type { z } from 'zod';
import { hardenedInput, jsonBody, methodNotAllowed } from './hardening';
import { HttpError, parseOr400, validationFailed } from './errors';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Json = Record<string, unknown>;

export interface ResponseSpec {
  description: string;
  /** The body's schema (JSON unless `contentType` says otherwise); none for an empty body. */
  schema?: z.ZodType;
  contentType?: string;
  headers?: Record<string, { description: string; schema?: Json }>;
}

/** Who may call: an OpenAPI security requirement list (`[]`: anyone). */
export type Security = Record<string, string[]>[];

export interface OperationSpec {
  method: Method;
  /** Express syntax (`/cases/:ref`); documented as `/cases/{ref}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  /** Defaults to the document's. */
  security?: Security;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers by their canonical name (e.g. `Idempotency-Key`). */
  headers?: Record<string, z.ZodType>;
  body?: z.ZodType;
  /** Largest body accepted (default BODY_LIMIT). */
  bodyLimit?: string;
  /** Whether a body must be sent (default true when `body` is given). */
  bodyRequired?: boolean;
  responses: Record<number, ResponseSpec>;
}

/** Keeps an operation's literal types (statuses, schemas) for its handler. */
export const operation = <const Op extends OperationSpec>(op: Op): Op => op;

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
type BodyOf<R> = R extends { schema: infer S extends z.ZodType } ? z.input<S> : undefined;

export interface Input<Op extends OperationSpec> {
  params: Out<Op['params']>;
  query: Out<Op['query']>;
  headers: { [K in keyof Op['headers']]: Op['headers'][K] extends z.ZodType ? z.output<Op['headers'][K]> : never };
  body: Op['body'] extends z.ZodType ? (Op['bodyRequired'] extends false ? z.output<Op['body']> | undefined : z.output<Op['body']>) : undefined;
}

/** What a handler answers: one of the operation's documented statuses, with its documented body. */
export type Reply<Op extends OperationSpec> = {
  [S in keyof Op['responses'] & number]: { status: S; body: BodyOf<Op['responses'][S]>; headers?: Record<string, string> };
}[keyof Op['responses'] & number];

export type Handler<Op extends OperationSpec> = (input: Input<Op>, req: Request, res: Response) => Promise<Reply<Op>>;

export const reply = <const S extends number, B>(status: S, body: B, headers?: Record<string, string>) => ({ status, body, headers });

/** `/cases/:ref` → `/cases/{ref}` */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export interface ApiOptions {
  /** Check every answer against its documented schema: a drift becomes a logged 500. Default: under test (NODE_ENV=test). */
  checkResponses?: boolean;
  onResponseDrift?: (op: OperationSpec, status: number, problem: string) => void;
}

/** The operations of one service (or one mount point), and the router that serves them. */
export class Api {
  readonly operations: OperationSpec[] = [];
  private readonly routes: { op: OperationSpec; handlers: RequestHandler[] }[] = [];

  constructor(private readonly opts: ApiOptions = {}) {}

  /** Registers an operation: `middlewares` (sign-in, roles, limits) run before its input is parsed. */
  route<Op extends OperationSpec>(op: Op, ...rest: [...RequestHandler[], Handler<Op>]): this {
    const handler = rest.pop() as Handler<Op>;
    const middlewares = rest as RequestHandler[];
    const dup = this.operations.find((o) => o.operationId === op.operationId || (o.method === op.method && o.path === op.path));
    if (dup) throw new Error(`operation ${op.method.toUpperCase()} ${op.path} (${op.operationId}) is registered twice`);
    for (const name of op.path.matchAll(/:(\w+)/g)) {
      if (!op.params?.shape[name[1]!]) throw new Error(`${op.operationId}: path parameter ${name[1]} has no schema`);
    }
    this.operations.push(op);
    const serve: RequestHandler = async (req, res, next) => {
      try {
        const input = parseInput(op, req);
        const out = await handler(input as Input<Op>, req, res);
        this.send(op, res, out as { status: number; body: unknown; headers?: Record<string, string> });
      } catch (err) {
        next(err);
      }
    };
    const body = op.body ? jsonBody({ optional: op.bodyRequired === false, limit: op.bodyLimit }) : [];
    this.routes.push({ op, handlers: [...middlewares, ...body, serve] });
    return this;
  }

  private send(op: OperationSpec, res: Response, out: { status: number; body: unknown; headers?: Record<string, string> }): void {
    const spec = op.responses[out.status];
    if (this.opts.checkResponses ?? process.env.NODE_ENV === 'test') {
      const problem = !spec ? `status ${out.status} is not documented` : checkBody(spec, out.body);
      if (problem) {
        this.opts.onResponseDrift?.(op, out.status, problem);
        throw new Error(`${op.operationId} answered ${out.status} outside its documented schema: ${problem}`);
      }
    }
    if (out.headers) res.set(out.headers);
    res.status(out.status);
    if (out.body === undefined) return void res.end();
    if (spec?.contentType && spec.contentType !== 'application/json') return void res.type(spec.contentType).send(out.body);
    res.json(out.body);
  }

  /** The router: every operation, then a 405 naming the allowed methods for each known path. */
  router(): Router {
    const router = Router();
    // Every answer under this router, errors and 404s included: they may carry personal data.
    router.use((_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      next();
    });
    for (const { op, handlers } of this.routes) router[op.method](op.path, hardenedInput, ...handlers);
    // One middleware, not a route per path: listRoutes() (the authorisation matrix) lists the operations only.
    const byPath = new Map<string, Method[]>();
    for (const op of this.operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op.method]);
    const wrongMethod = [...byPath].map(([path, methods]) => ({ matches: pathMatcher(path), answer: methodNotAllowed(methods) }));
    router.use((req, res, next) => {
      const known = wrongMethod.find((w) => w.matches(req.path));
      if (known) known.answer(req, res, next);
      else next();
    });
    return router;
  }
}

/** Whether a request path is the express path `path` (`:name` one segment; case and a trailing slash ignored, as express does). */
function pathMatcher(path: string): (requestPath: string) => boolean {
  const pattern = path
    .split(/(:\w+)/)
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${pattern}/?$`, 'i');
  return (requestPath) => re.test(requestPath);
}

function parseInput(op: OperationSpec, req: Request): Input<OperationSpec> {
  const headers: Record<string, unknown> = {};
  const headerIssues: { field: string; message: string }[] = [];
  for (const [name, schema] of Object.entries(op.headers ?? {})) {
    const parsed = schema.safeParse(req.get(name));
    if (parsed.success) headers[name] = parsed.data;
    else headerIssues.push({ field: name, message: parsed.error.issues[0]?.message ?? 'not valid' });
  }
  if (headerIssues.length) throw validationFailed(headerIssues, `the ${headerIssues.map((i) => i.field).join(', ')} header is not valid`);
  return {
    params: op.params ? parseOr400(op.params, req.params) : {},
    query: op.query ? parseOr400(op.query, req.query) : {},
    headers,
    body: op.body ? (req.body === undefined && op.bodyRequired === false ? undefined : parseOr400(op.body, req.body ?? {})) : undefined,
  } as Input<OperationSpec>;
}

/** JSON with every object's keys sorted: the same data always reads the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** Undefined when the body is exactly what the schema describes (no field missing, none extra). */
function checkBody(spec: ResponseSpec, body: unknown): string | undefined {
  if (!spec.schema) return body === undefined ? undefined : 'a body was sent where none is documented';
  if (spec.contentType && spec.contentType !== 'application/json') return undefined;
  const wire: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
  const parsed = spec.schema.safeParse(wire);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
  const again = canonical(parsed.data);
  if (again !== canonical(wire)) return `undocumented or reshaped fields (documented: ${again.slice(0, 300)})`;
  return undefined;
}

export { HttpError };
