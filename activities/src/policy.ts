import type { Db } from '@probity/shared/db/client';

// The policy register as the review workflow keeps it: a recorded review (history row, and the
// policy's version, last review and next due date), and changes of owner. Every write is safe to
// repeat: the workflow chooses the ids, so an activity retry changes nothing twice.

export interface PolicyReviewRecord {
  /** Chosen by the workflow (one per review period), so a retry writes one row. */
  id: string;
  policyId: string;
  reviewedOn: string;
  outcome: 'no-amendments' | 'amended';
  newVersion?: string;
  reviewerId: string;
  notes?: string;
  /** Scheduled by the workflow: two years on from reviewedOn. */
  nextReviewDue: string;
}

export interface PolicyPerson {
  id: string;
  active: boolean;
  managerId: string | null;
}

/** A civil date (YYYY-MM-DD) as Prisma writes a DATE column. */
const civil = (date: string) => new Date(`${date}T00:00:00.000Z`);

export function policyActivities(db: Db) {
  return {
    async recordPolicyReview(r: PolicyReviewRecord): Promise<void> {
      await db.$transaction([
        db.policyReview.createMany({
          data: [{
            id: r.id,
            policyId: r.policyId,
            reviewedOn: civil(r.reviewedOn),
            outcome: r.outcome,
            newVersion: r.newVersion ?? null,
            reviewerId: r.reviewerId,
            notes: r.notes ?? null,
          }],
          skipDuplicates: true,
        }),
        db.policy.update({
          where: { id: r.policyId },
          data: {
            lastReviewedOn: civil(r.reviewedOn),
            lastReviewOutcome: r.outcome,
            nextReviewDue: civil(r.nextReviewDue),
            ...(r.newVersion !== undefined ? { version: r.newVersion } : {}),
          },
        }),
      ]);
    },

    async setPolicyOwner(policyId: string, ownerId: string): Promise<void> {
      await db.policy.update({ where: { id: policyId }, data: { ownerId } });
    },

    /** A person who may own a policy, or null if there is no such person. */
    async policyPerson(personId: string): Promise<PolicyPerson | null> {
      return db.person.findUnique({ where: { id: personId }, select: { id: true, active: true, managerId: true } });
    },
  };
}
