// The query strings of the statistics API and pages, as zod schemas: one source for validation,
// the 400 naming the field, and the OpenAPI description.
import { z } from 'zod';
import { IOPC_SCHEDULE_3_REASONS, REVIEW_BODIES } from '@probity/shared/domain/index';
import { checkPeriod, periodFields } from './period';
import { DRILL_DOWNS } from './statistics-queries';

const flag = (name: string) =>
  z
    .enum(['true', 'false'], { error: `${name} must be true or false` })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'));
const code = (name: string) => z.string().regex(/^[a-z0-9-]{1,80}$/i, `${name} must be a code such as use-of-force`).optional();

export const statisticsQuerySchema = z.object(periodFields).superRefine(checkPeriod);

export const drillDownQuerySchema = z
  .object({
    ...periodFields,
    figure: z.enum(DRILL_DOWNS, { error: `figure must be one of: ${DRILL_DOWNS.join(', ')}` }),
    reason: z.enum(IOPC_SCHEDULE_3_REASONS, { error: `reason must be one of: ${IOPC_SCHEDULE_3_REASONS.join(', ')}` }).optional(),
    category: code('category'),
    codeListVersion: code('codeListVersion'),
    body: z.enum(REVIEW_BODIES, { error: `body must be one of: ${REVIEW_BODIES.join(', ')}` }).optional(),
    upheld: flag('upheld'),
    kind: z.enum(['complaint', 'conduct'], { error: 'kind must be complaint or conduct' }).optional(),
    stage: code('stage'),
    task: code('task'),
    breached: flag('breached'),
  })
  .superRefine((q, ctx) => {
    checkPeriod(q, ctx);
    const needs: Partial<Record<(typeof DRILL_DOWNS)[number], 'category' | 'stage' | 'task'>> = { category: 'category', stage: 'stage', sla: 'task' };
    const field = needs[q.figure];
    if (field && !q[field]) ctx.addIssue({ code: 'custom', path: [field], message: `give ${field} for figure ${q.figure}` });
  });
export type DrillDownQuery = z.infer<typeof drillDownQuerySchema>;

/** The drill-down's filter, without the period and figure. */
export function drillFilterOf(q: DrillDownQuery) {
  const { from: _f, to: _t, figure: _g, ...filter } = q;
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}
