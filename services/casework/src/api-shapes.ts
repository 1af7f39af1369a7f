// The answers several casework operations share, as zod schemas: the OpenAPI document is written
// from them and, under test, every answer is checked against them (shared/src/http/api.ts).
import { z } from 'zod';
import { COMMON_ERRORS, caseRefSchema, errors, isoDateTime } from '@probity/shared/http/openapi';

/** A human task as a case workflow returns it (workflows/src/casework/types.ts CaseTask). */
export const workflowTaskSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    assigneeId: z.string(),
    managerId: z.string().nullable().describe("The assignee's manager (may also complete the task)"),
    createdAt: isoDateTime,
    dueAt: isoDateTime,
    escalations: z.number().int().describe('How many times the breach has been escalated (0: not breached)'),
    completedAt: isoDateTime.optional(),
    completedBy: z.string().optional(),
  })
  .meta({ id: 'WorkflowTask' });

/** A workflow's state query result; its shape is each workflow's contract (workflows/src/…/contract.ts). */
export const workflowStateSchema = z.record(z.string(), z.unknown()).describe("The workflow's state query result (see its contract)");

export const workflowStatusSchema = z.enum(['running', 'not-started', 'unavailable']).describe('Whether the state could be read from the workflow');

/** The answers of the sign-in and role checks in front of an operation. */
export const SIGNED_IN = { 401: COMMON_ERRORS[401], 503: COMMON_ERRORS[503] } as const;

export const refParams = z.object({ ref: caseRefSchema });
export const refTaskParams = z.object({ ref: caseRefSchema, taskId: z.string().min(1).max(200) });

export const unavailable = errors('The workflow (or sign-in checking) did not answer; try again shortly', ['unavailable']);

/** The refusal of the case access rule (access/case-access.ts): a 403 with its basis. */
export const caseAccessRefused = errors('Not allowed on this case: a conflict of interest (its subject or their team), or no need to know; `basis` says which', ['forbidden'], {
  basis: z.enum(['conflict-of-interest', 'need-to-know']).optional(),
});
