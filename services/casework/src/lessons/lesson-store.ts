// Lessons learnt (shared/src/domain/lessons.ts): who may record one for a case, the check for
// obvious personal data against the names of the case's people and of the workforce, and the
// list by theme for the workforce page.
import { randomUUID } from 'node:crypto';
import { isPsd, type Actor } from '@probity/shared/auth';
import type { Db } from '@probity/shared/db/client';
import { LESSON_THEMES, personalDataIn, personalDataRefusal, type LessonForm, type LessonTheme, type NamesToAvoid } from '@probity/shared/domain/index';

/** Why this person may not record a lesson for this case now; null when they may. */
export async function lessonRefusal(db: Db, caseId: string, actor: Actor): Promise<string | null> {
  const c = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { kind: true, finalisedAt: true, closedAt: true, assigneeId: true } });
  if (c.kind === 'conduct') {
    // A conduct matter is finalised when its outcome is on the record (a police staff outcome sets
    // finalisedAt) or it closes; reflective practice's lessons for the force (Conduct reg 70(4), the
    // rprp-lessons task) may be recorded as soon as they are addressed.
    if (!c.finalisedAt && !c.closedAt && (await db.task.count({ where: { caseId, type: 'rprp-lessons', completedAt: { not: null } } })) === 0) {
      return 'Lessons from a conduct matter are recorded at its finalisation, when it closes, or once its lessons for the force are addressed (Conduct reg 70(4)).';
    }
  } else if (!c.finalisedAt) return 'Lessons are recorded at finalisation: this case has allegations without an outcome yet.';
  if (c.assigneeId !== actor.id && !isPsd(actor)) return 'Only the handler of the case, or PSD, may record its lessons.';
  return null;
}

/** Every name the lesson must not hold: the case's complainants (and whom they act for), and the whole workforce. */
export async function namesToAvoid(db: Db, caseId: string): Promise<NamesToAvoid> {
  const [c, complainants, people] = await Promise.all([
    db.case.findUniqueOrThrow({ where: { id: caseId }, select: { complainant: true, subjects: true } }),
    db.complainant.findMany({ where: { caseId }, select: { name: true, onBehalfOf: true } }),
    db.person.findMany({ select: { name: true } }),
  ]);
  const recorded = (c.complainant as { name?: unknown } | null)?.name;
  const caseNames = [...(typeof recorded === 'string' ? [recorded] : []), ...complainants.flatMap((x) => [x.name, x.onBehalfOf ?? ''])];
  // A disposed record's names read '[disposed]'.
  return { caseNames: caseNames.filter((n) => n && !n.startsWith('[')), workforceNames: people.map((p) => p.name) };
}

export type RecordResult = { ok: true; id: string } | { ok: false; field: 'lesson'; message: string };

export async function recordLesson(db: Db, c: { caseId: string; ref: string }, actor: Actor, form: LessonForm): Promise<RecordResult> {
  const found = personalDataIn(form.lesson, await namesToAvoid(db, c.caseId));
  if (found.length > 0) return { ok: false, field: 'lesson', message: personalDataRefusal(found) };
  const id = randomUUID();
  await db.lesson.create({ data: { id, caseId: c.caseId, ref: c.ref, theme: form.theme, lesson: form.lesson, recordedById: actor.id } });
  return { ok: true, id };
}

export async function lessonsOfCase(db: Db, caseId: string) {
  return db.lesson.findMany({ where: { caseId }, orderBy: { recordedAt: 'asc' }, select: { theme: true, lesson: true, recordedAt: true } });
}

/** The workforce's list: every theme with lessons, in the themes' order, the latest lesson first. */
export async function lessonsByTheme(db: Db): Promise<{ theme: LessonTheme; lessons: { lesson: string; recordedAt: Date }[] }[]> {
  const rows = await db.lesson.findMany({ orderBy: [{ recordedAt: 'desc' }], select: { theme: true, lesson: true, recordedAt: true }, take: 1000 });
  return LESSON_THEMES.map((theme) => ({ theme, lessons: rows.filter((r) => r.theme === theme) })).filter((t) => t.lessons.length > 0);
}
