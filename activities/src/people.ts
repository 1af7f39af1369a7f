import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '@probity/shared/db/client';

// Who stands above whom: the escalation chain is resolved when it is needed, so a change of
// manager is honoured from then on. A person the case needs who is not there cannot be made to
// appear by retrying: that fails at once as MissingPerson (non-retryable) with what to fix, and
// the workflow stalls until ops have fixed it (workflows/src/casework/stall.ts).
export const MISSING_PERSON = 'MissingPerson';

export function peopleActivities(db: Db) {
  return {
    /** The person's line manager (null if they have none); MissingPerson if there is no such person. */
    async managerOf(personId: string): Promise<string | null> {
      const p = await db.person.findUnique({ where: { id: personId }, select: { managerId: true } });
      if (!p) throw ApplicationFailure.nonRetryable(`no person ${personId} in the Person table: add them, or reassign what is theirs`, MISSING_PERSON);
      return p.managerId ?? null;
    },
    async headOfPsd(): Promise<string> {
      const head = await db.person.findFirst({ where: { role: 'head-of-psd', active: true }, orderBy: { id: 'asc' } });
      if (!head) throw ApplicationFailure.nonRetryable('no active head of PSD in the Person table: give someone the role head-of-psd', MISSING_PERSON);
      return head.id;
    },
  };
}
