import { z } from 'zod';

// Who acts: every human action is taken by a signed-in person, whose current record in the Person
// register (id, role, rank, team, division) is the Actor. Services load it on every request and
// pass it to workflows, whose update validators check it again. Workflow-safe: types and pure
// rules only. Verifying sign-in tokens is server-only: shared/src/auth/access-token.ts.
export const actorSchema = z.object({
  id: z.string().min(1),
  role: z.string().min(1),
  rank: z.string().nullable(),
  team: z.string().min(1),
  division: z.string().min(1),
});
export type Actor = z.infer<typeof actorSchema>;

/** Roles in the Professional Standards Department itself. */
export const PSD_ROLES = ['psd-handler', 'psd-investigator', 'psd-manager', 'head-of-psd'] as const;
export const isPsd = (actor: Pick<Actor, 'role'>) => (PSD_ROLES as readonly string[]).includes(actor.role);

/** The platform team, who watch Temporal and may read decoded payloads there. */
export const isOps = (actor: Pick<Actor, 'role'>) => actor.role === 'ops';
