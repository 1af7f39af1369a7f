// Where a page of the inbox ends: the last task's place in the inbox's order (due, then created,
// then id), as an opaque token. A keyset, not an offset, so a page costs the same however deep it
// is and a task completed meanwhile does not shift the next page.
export interface TaskPlace {
  dueAt: Date;
  createdAt: Date;
  id: string;
}

export function encodeTaskCursor(t: TaskPlace): string {
  return Buffer.from(JSON.stringify([t.dueAt.toISOString(), t.createdAt.toISOString(), t.id])).toString('base64url');
}

/** The place a cursor names, or null when it is not one this service made. */
export function decodeTaskCursor(cursor: string): TaskPlace | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'string')) return null;
    const [due, created, id] = v as [string, string, string];
    const dueAt = new Date(due);
    const createdAt = new Date(created);
    if (Number.isNaN(dueAt.getTime()) || Number.isNaN(createdAt.getTime()) || id.length === 0) return null;
    return { dueAt, createdAt, id };
  } catch {
    return null;
  }
}
