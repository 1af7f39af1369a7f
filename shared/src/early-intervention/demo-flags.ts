// The demo's early-intervention flags: the rules run over the demo record as it stands today
// (raising flags, and telling the line managers and PSD, as live cases would), then two of them
// are marked so the false-positive rates show something.
import type { Db } from '../db/client';
import { markFlag, raiseFlags } from './flag-store';

export async function seedDemoFlags(db: Db): Promise<string[]> {
  const { raised } = await raiseFlags(db);
  const flags = await db.earlyInterventionFlag.findMany({ where: { id: { in: raised }, subjectKind: 'officer' }, orderBy: { id: 'asc' } });
  const [first, second] = flags;
  if (first) {
    await markFlag(db, first.id, 'psd-manager', { to: 'acknowledged' });
    await markFlag(db, first.id, 'psd-manager', { to: 'false-positive', why: 'The complaints arose from one incident with several complainants.' });
  }
  if (second) await markFlag(db, second.id, 'psd-manager', { to: 'action-taken', action: 'Development plan agreed with the line manager; reviewed in three months.' });
  return raised;
}
