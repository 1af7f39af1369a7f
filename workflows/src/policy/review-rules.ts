// Rules for acting on a policy's review cycle: who may record a review or hand the policy to a
// new owner, and what a valid review says. Pure functions, used by the workflow's update
// validators and by the intake API (for field-level 400s), and unit-tested on their own.
import { z } from 'zod';
import type { Actor } from '@probity/shared/auth';
import { REVIEW_OUTCOMES } from './contract';

export class PolicyRefusal extends Error {
  override readonly name = 'PolicyRefusal';
}

/** Keepers of the register: may add policies and hand a policy to a new owner. */
export const REGISTER_KEEPER_ROLES = ['head-of-psd', 'psd-manager'] as const;
export const isRegisterKeeper = (actor: Pick<Actor, 'role'>) => (REGISTER_KEEPER_ROLES as readonly string[]).includes(actor.role);

export const VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/;
const version = z.string().regex(VERSION_PATTERN, 'a version such as 1.1 or 2.0 (letters, digits, dots, hyphens; at most 20)');

/** A review as recorded: "no amendments", or amended to a new version (§7.1). */
export const reviewPayloadSchema = z
  .object({
    outcome: z.enum(REVIEW_OUTCOMES),
    newVersion: version.optional(),
    notes: z.string().max(4000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'amended' && v.newVersion === undefined) {
      ctx.addIssue({ code: 'custom', path: ['newVersion'], message: "required when the outcome is 'amended'" });
    }
    if (v.outcome === 'no-amendments' && v.newVersion !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['newVersion'], message: "must not be given when the outcome is 'no-amendments' (the version stays as it is)" });
    }
  });
export type ReviewPayload = z.infer<typeof reviewPayloadSchema>;

export interface OwnerFacts {
  ref: string;
  ownerId: string;
  ownerManagerId: string | null;
}

/** Only the current owner, their line manager or the head of PSD may record a review. */
export function checkReviewer(actor: Actor, p: OwnerFacts): void {
  if (actor.id === p.ownerId || (p.ownerManagerId !== null && actor.id === p.ownerManagerId) || actor.role === 'head-of-psd') return;
  throw new PolicyRefusal(
    `${actor.id} may not record the review of policy ${p.ref}: only its owner (${p.ownerId})` +
      (p.ownerManagerId ? `, their manager (${p.ownerManagerId})` : '') +
      ' or the head of PSD may',
  );
}

/** Parses a review for a policy at `currentVersion`; throws PolicyRefusal naming each bad field. */
export function parseReview(ref: string, payload: unknown, currentVersion: string): ReviewPayload {
  const parsed = reviewPayloadSchema.safeParse(payload ?? {});
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(review)'}: ${i.message}`);
    throw new PolicyRefusal(`invalid review of policy ${ref} — ${fields.join('; ')}`);
  }
  if (parsed.data.newVersion !== undefined && parsed.data.newVersion === currentVersion) {
    throw new PolicyRefusal(`policy ${ref} is already at version ${currentVersion}: an amended policy needs a new version`);
  }
  return parsed.data;
}

/**
 * Handing a policy to a new owner is a management decision: the keepers of the register (head of
 * PSD, PSD managers) or the current owner's line manager may; the owner may not give it away.
 */
export function checkOwnerChange(actor: Actor, p: OwnerFacts, newOwnerId: unknown): void {
  if (!(isRegisterKeeper(actor) || (p.ownerManagerId !== null && actor.id === p.ownerManagerId))) {
    throw new PolicyRefusal(
      `${actor.id} may not change the owner of policy ${p.ref}: only the head of PSD, a PSD manager` +
        (p.ownerManagerId ? ` or the owner's manager (${p.ownerManagerId})` : '') +
        ' may',
    );
  }
  if (typeof newOwnerId !== 'string' || newOwnerId.trim() === '') {
    throw new PolicyRefusal(`a new owner for policy ${p.ref} must be given (ownerId)`);
  }
  if (newOwnerId === p.ownerId) throw new PolicyRefusal(`${newOwnerId} already owns policy ${p.ref}`);
}
