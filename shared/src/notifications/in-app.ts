// A person's in-app notifications: what the notification service's API and the casework portal's
// header and notifications page read and mark. Every email to staff is also an in-app
// notification; letter-or-phone rows are records for complainants, never listed here.
import type { Db, Notification } from '../db/client';

export const IN_APP_CHANNELS = ['email', 'in-app'];

export function notificationsFor(db: Db, personId: string, opts: { unreadOnly?: boolean; limit?: number } = {}): Promise<Notification[]> {
  return db.notification.findMany({
    where: { recipientId: personId, channel: { in: IN_APP_CHANNELS }, ...(opts.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: opts.limit ?? 50,
  });
}

export const unreadCount = (db: Db, personId: string) => db.notification.count({ where: { recipientId: personId, channel: { in: IN_APP_CHANNELS }, readAt: null } });

export type MarkRead = { outcome: 'read'; notification: Notification } | { outcome: 'not-found' } | { outcome: 'not-yours' };

/** Marks one of the person's notifications read; the first read is kept. */
export async function markRead(db: Db, personId: string, id: string): Promise<MarkRead> {
  const row = await db.notification.findUnique({ where: { id } });
  if (!row || !IN_APP_CHANNELS.includes(row.channel)) return { outcome: 'not-found' };
  if (row.recipientId !== personId) return { outcome: 'not-yours' };
  await db.notification.updateMany({ where: { id, readAt: null }, data: { readAt: new Date() } });
  return { outcome: 'read', notification: await db.notification.findUniqueOrThrow({ where: { id } }) };
}

/** Marks all of the person's unread notifications read. */
export async function markAllRead(db: Db, personId: string): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { recipientId: personId, channel: { in: IN_APP_CHANNELS }, readAt: null }, data: { readAt: new Date() } });
  return count;
}
