// The case.received event intake emits. It carries ids, categories and the subjects' team and
// division — never the complainant, contact details, accounts or descriptions.
import { randomUUID } from 'node:crypto';
import { envelope, type Envelope } from '@probity/shared/events/envelope';
import { caseReceivedSchema, type CaseReceived } from '@probity/shared/events/schemas';
import { TOPICS } from '@probity/shared/events/topics';
import { defaultSubCategory, toLondonDate } from '@probity/shared/domain/index';
import type { ComplaintForm } from './complaint-form';

export const INTAKE_SOURCE = 'probity/intake';

/** Whom the complaint is about, as far as the event may say: ids, team and division only. */
export interface SubjectRef {
  personId?: string;
  team?: string;
  division?: string;
}

export interface ReceivedCase {
  caseId: string;
  ref: string;
  receivedAt: Date;
  form: ComplaintForm;
  /** The subjects as stored (completed from the Person register); the form's own when absent. */
  subjects?: readonly SubjectRef[];
  allegationIds: string[];
  firstContact?: { byId: string; team?: string; at: Date; resolved: boolean };
}

/** Builds and validates the envelope; throws (a bug, not bad input) if it breaks the schema. */
export function caseReceivedEvent(c: ReceivedCase): Envelope<CaseReceived> {
  const subjects = (c.subjects ?? c.form.subjects)
    .map(({ personId, team, division }) => ({ personId, team, division }))
    .map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)))
    .filter((s) => Object.keys(s).length > 0);
  const data = caseReceivedSchema.parse({
    caseId: c.caseId,
    ref: c.ref,
    kind: 'complaint',
    channel: c.form.channel,
    receivedAt: c.receivedAt.toISOString(),
    allegations: c.form.allegations.map((a, i) => ({
      id: c.allegationIds[i],
      category: a.category,
      ...((a.subCategory ?? defaultSubCategory(a.category)) !== undefined && { subCategory: a.subCategory ?? defaultSubCategory(a.category) }),
    })),
    subjects,
    flags: c.form.flags,
    ...(c.form.incident?.when && { incidentOn: toLondonDate(c.form.incident.when) }),
    ...(c.firstContact && {
      firstContact: {
        byId: c.firstContact.byId,
        ...(c.firstContact.team !== undefined && { team: c.firstContact.team }),
        at: c.firstContact.at.toISOString(),
        resolved: c.firstContact.resolved,
      },
    }),
  });
  return envelope({ id: randomUUID(), type: TOPICS.caseReceived, source: INTAKE_SOURCE, subject: c.caseId, data, time: c.receivedAt });
}
