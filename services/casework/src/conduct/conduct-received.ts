// The case.received event for a conduct matter. It carries ids, the standards allegedly breached
// (as allegation categories) and the subject's id, team and division — never the account of what
// happened, names or the supervisor's words.
import { randomUUID } from 'node:crypto';
import { envelope, type Envelope } from '@probity/shared/events/envelope';
import { caseReceivedSchema, type CaseReceived } from '@probity/shared/events/schemas';
import { TOPICS } from '@probity/shared/events/topics';
import type { Standard } from '@probity/workflows/conduct/contract';
import { INTAKE_SOURCE } from '@probity/shared/complaint/case-received';

/** Conduct matters are raised through the casework API: the event's channel is 'web'. */
export const CONDUCT_CHANNEL = 'web';

export interface ReceivedConductMatter {
  caseId: string;
  ref: string;
  receivedAt: Date;
  standards: { id: string; standard: Standard }[];
  subject: { personId: string; team: string; division: string };
}

/** Builds and validates the envelope; throws (a bug, not bad input) if it breaks the schema. */
export function conductReceivedEvent(m: ReceivedConductMatter): Envelope<CaseReceived> {
  const data = caseReceivedSchema.parse({
    caseId: m.caseId,
    ref: m.ref,
    kind: 'conduct',
    channel: CONDUCT_CHANNEL,
    receivedAt: m.receivedAt.toISOString(),
    allegations: m.standards.map((s) => ({ id: s.id, category: s.standard })),
    subjects: [{ personId: m.subject.personId, team: m.subject.team, division: m.subject.division }],
    flags: {},
  });
  return envelope({ id: randomUUID(), type: TOPICS.caseReceived, source: INTAKE_SOURCE, subject: m.caseId, data, time: m.receivedAt });
}
