// The form that marks a flag (page and API alike): acknowledged, action taken (saying what), or a
// false positive (saying why). One zod schema feeds the validation, OpenAPI and the page's errors.
import { z } from 'zod';
import type { FlagTransition } from '@probity/shared/early-intervention/flag-states';

const text = z.string().trim().max(2000, 'keep it to 2,000 characters').optional();

export const flagMarkSchema = z
  .object({
    to: z.enum(['acknowledged', 'action-taken', 'false-positive'], { error: 'choose what happened to the flag' }),
    action: text.describe('action-taken: what was done'),
    why: text.describe('false-positive: why the flag is a false positive'),
  })
  .superRefine((v, ctx) => {
    if (v.to === 'action-taken' && !v.action) ctx.addIssue({ code: 'custom', path: ['action'], message: 'say what action was taken' });
    if (v.to === 'false-positive' && !v.why) ctx.addIssue({ code: 'custom', path: ['why'], message: 'say why the flag is a false positive' });
  })
  .meta({ id: 'FlagMark' });
export type FlagMark = z.output<typeof flagMarkSchema>;

export const transitionOf = (m: FlagMark): FlagTransition =>
  m.to === 'acknowledged' ? { to: m.to } : m.to === 'action-taken' ? { to: m.to, action: m.action ?? '' } : { to: m.to, why: m.why ?? '' };
