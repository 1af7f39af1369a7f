// Calling case workflows from a service: a lazily connected client, a deadline per call, and
// Temporal's errors turned into three plain outcomes the routes answer with: not found (404),
// refused by the workflow's validator (409, with its reason), unavailable (503).
import {
  ApplicationFailure,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';

export class WorkflowNotFound extends Error {}
export class WorkflowRefused extends Error {}
export class WorkflowUnavailable extends Error {}

/** Connects once, on first use, and again after a failed connect: a service runs while Temporal is down. */
export interface TemporalProvider {
  get(): Promise<Client>;
  close(): Promise<void>;
}

export function lazyTemporal(connect: () => Promise<Client>): TemporalProvider {
  let client: Promise<Client> | undefined;
  return {
    get() {
      client ??= connect().catch((err: unknown) => {
        client = undefined;
        throw new WorkflowUnavailable(`Temporal is unavailable: ${(err as Error).message}`);
      });
      return client;
    },
    async close() {
      const c = await client?.catch(() => undefined);
      await c?.connection.close();
    },
  };
}

/** The client, or WorkflowUnavailable if Temporal cannot be reached within `ms`. */
function connectedWithin(temporal: TemporalProvider, ms: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new WorkflowUnavailable(`Temporal did not answer within ${ms} ms`)), ms);
    temporal.get().then(
      (c) => {
        clearTimeout(t);
        resolve(c);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e as Error);
      },
    );
  });
}

/** Temporal's errors as the three answers services give: not found, refused (with the reason), unavailable. */
function translate(err: unknown): Error {
  if (err instanceof WorkflowNotFound || err instanceof WorkflowRefused || err instanceof WorkflowUnavailable) return err;
  if (err instanceof WorkflowNotFoundError) return new WorkflowNotFound(err.message);
  if (err instanceof WorkflowUpdateFailedError) return new WorkflowRefused(err.cause?.message || err.message);
  if (err instanceof ApplicationFailure) return new WorkflowRefused(err.message);
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return new WorkflowUnavailable('the workflow did not answer in time');
  if (err instanceof ServiceError) return new WorkflowUnavailable(`Temporal did not answer: ${err.message}`);
  return err as Error;
}

/**
 * Runs one Temporal call within a deadline (connecting included), turning Temporal's errors into
 * WorkflowNotFound / WorkflowRefused (with the validator's reason) / WorkflowUnavailable.
 */
export async function callTemporal<T>(temporal: TemporalProvider, timeoutMs: number, fn: (client: Client) => Promise<T>): Promise<T> {
  try {
    const deadline = Date.now() + timeoutMs;
    const client = await connectedWithin(temporal, timeoutMs);
    return await client.withDeadline(deadline, () => fn(client));
  } catch (err) {
    throw translate(err);
  }
}

export type CaseWorkflowCall = <T>(ref: string, timeoutMs: number, fn: (client: Client, workflowId: string) => Promise<T>) => Promise<T>;

/** Calls a case's workflow by its reference (see callTemporal). */
export function caseWorkflowCaller(temporal: TemporalProvider, workflowIdFor: (ref: string) => string | null, kind: string): CaseWorkflowCall {
  return async (ref, timeoutMs, fn) => {
    const workflowId = workflowIdFor(ref);
    if (!workflowId) throw new WorkflowNotFound(`no ${kind} workflow for reference ${ref}`);
    return callTemporal(temporal, timeoutMs, (client) => fn(client, workflowId));
  };
}

/**
 * Updates to a case whose workflow has completed (a case workflow completes when its case
 * closes) are refused with what its final state says — e.g. the review window that closed —
 * rather than answered "not found".
 */
export function refusingWhenClosed<S>(call: CaseWorkflowCall, query: QueryDefinition<S>, refusal: (state: S) => string): CaseWorkflowCall {
  return async (ref, timeoutMs, fn) => {
    try {
      return await call(ref, timeoutMs, fn);
    } catch (err) {
      if (!(err instanceof WorkflowNotFound)) throw err;
      const closed = await call(ref, timeoutMs, async (c, id) => {
        const handle = c.workflow.getHandle(id);
        return (await handle.describe()).status.name === 'RUNNING' ? undefined : handle.query(query);
      }).catch(() => undefined);
      if (closed === undefined) throw err;
      throw new WorkflowRefused(refusal(closed));
    }
  };
}
