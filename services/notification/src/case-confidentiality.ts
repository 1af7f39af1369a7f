import type { Db } from '@probity/shared/db/client';
import { barredFromCase, caseAccessFactsOf } from '@probity/shared/cases/case-access';
import { mayReadCase, type CaseViewer } from '@probity/shared/domain/index';
import { refOf, type NotifyingEvent } from './events';
import { staffRecipient, type ResolvedRecipient } from './recipients';

// A notification is a read of its case (DOMAIN.md "Restricted cases"): a member of staff barred
// from the case — a restricted case outside the counter-corruption unit and the head of PSD, or a
// case about themselves or their team — gets a notice with no detail of it (no reference, task,
// name or date), and the head of PSD is told in full instead, so that nothing the event asks for
// (an SLA breach to follow up, an alert to act on) is left with nobody able to act.

export interface ScreenedRecipient {
  recipient: ResolvedRecipient;
  /** True when the reader may not see the case: they get the withheld notice. */
  withheld: boolean;
}

/** Each reader of the event, marked withheld where barred from its case, plus the heads of PSD where someone was. */
export async function screenRecipients(db: Db, event: NotifyingEvent, recipients: ResolvedRecipient[]): Promise<ScreenedRecipient[]> {
  const about = refOf(event);
  const staff = recipients.filter((r) => r.kind === 'staff');
  if (about.kind !== 'case' || staff.length === 0) return recipients.map((recipient) => ({ recipient, withheld: false }));
  const found = (await caseAccessFactsOf(db, [about.ref])).get(about.ref);
  if (!found) return recipients.map((recipient) => ({ recipient, withheld: false }));

  const viewers = await db.person.findMany({
    where: { OR: [{ id: { in: staff.map((r) => r.recipientId) } }, { role: 'head-of-psd', active: true }] },
    select: { id: true, name: true, email: true, active: true, role: true, team: true, division: true },
    orderBy: { id: 'asc' },
  });
  const barred = (v: CaseViewer) => barredFromCase(mayReadCase(v, found.facts));
  const byId = new Map(viewers.map((v) => [v.id, v]));
  const screened = recipients.map((recipient) => {
    const viewer = recipient.kind === 'staff' ? byId.get(recipient.recipientId) : undefined;
    return { recipient, withheld: viewer !== undefined && barred(viewer) };
  });
  if (!screened.some((s) => s.withheld)) return screened;
  const told = new Set(recipients.map((r) => r.recipientId));
  const heads = viewers.filter((v) => v.role === 'head-of-psd' && v.active && !told.has(v.id) && !barred(v));
  return [...screened, ...heads.map((h) => ({ recipient: staffRecipient(h.id, h), withheld: false }))];
}
