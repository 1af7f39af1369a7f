// In-app notifications for the person signed in: their list (newest first) and marking one read.
// Every email to staff is also an in-app notification; so are the in-app-only ones. A caller only
// ever sees their own notifications.
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireActor, type ActorAuth } from '@probity/shared/auth/bearer';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { Api, operation, reply } from '@probity/shared/http/api';
import { errorHandler, notFound } from '@probity/shared/http/errors';
import { BEARER, COMMON_ERRORS, bearerAuthScheme, errors, isoDateTime, serveOpenApi } from '@probity/shared/http/openapi';
import { markRead, notificationsFor } from '@probity/shared/notifications/in-app';

const notificationSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    channel: z.string().meta({ examples: ['email', 'in-app'] }),
    subject: z.string(),
    body: z.string(),
    caseRef: z.string().nullable(),
    createdAt: isoDateTime,
    sentAt: isoDateTime.nullable(),
    readAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Notification' });

interface NotificationRow {
  id: string;
  eventId: string;
  channel: string;
  subject: string;
  body: string;
  caseRef: string | null;
  createdAt: Date;
  sentAt: Date | null;
  readAt: Date | null;
}

const view = (n: NotificationRow) => ({
  id: n.id,
  eventId: n.eventId,
  channel: n.channel,
  subject: n.subject,
  body: n.body,
  caseRef: n.caseRef,
  createdAt: n.createdAt.toISOString(),
  sentAt: n.sentAt?.toISOString() ?? null,
  readAt: n.readAt?.toISOString() ?? null,
});

const signIn = { 401: COMMON_ERRORS[401], 503: COMMON_ERRORS[503] };

export const listNotifications = operation({
  method: 'get',
  path: '/notifications',
  operationId: 'listNotifications',
  summary: 'My notifications, newest first',
  query: z.object({
    recipientId: z.string().min(1).max(200).optional().describe('Must be your own id (the default)'),
    unread: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  }),
  responses: {
    200: { description: 'The notifications', schema: z.object({ notifications: z.array(notificationSchema) }) },
    ...signIn,
    403: errors("Someone else's notifications", ['forbidden']),
  },
});

export const readNotification = operation({
  method: 'post',
  path: '/notifications/:id/read',
  operationId: 'markNotificationRead',
  summary: 'Mark one of my notifications read (the first time is kept)',
  params: z.object({ id: z.string().min(1).max(200) }),
  responses: {
    200: { description: 'The notification, read', schema: z.object({ notification: notificationSchema }) },
    ...signIn,
    403: errors("Someone else's notification", ['forbidden']),
    404: errors('No such notification', ['not_found']),
  },
});

export function createNotificationRouter(opts: { db: Db; auth: ActorAuth; log: Logger }): Router {
  const { db, auth, log } = opts;
  const api = new Api({ onResponseDrift: (op, status, problem) => log.error({ operationId: op.operationId, status, problem }, 'answer outside its documented schema') });
  const signedIn = requireActor(auth);

  api.route(listNotifications, signedIn, async ({ query }, _req, res) => {
    const actor = actorOf(res);
    const recipientId = query.recipientId ?? actor.id;
    if (recipientId !== actor.id) return reply(403, { error: 'forbidden', message: 'you may only list your own notifications' } as const);
    const rows = await notificationsFor(db, recipientId, { unreadOnly: query.unread === 'true', limit: query.limit });
    return reply(200, { notifications: rows.map(view) });
  });

  api.route(readNotification, signedIn, async ({ params }, _req, res) => {
    const marked = await markRead(db, actorOf(res).id, params.id);
    if (marked.outcome === 'not-found') return reply(404, { error: 'not_found', message: 'no such notification' } as const);
    if (marked.outcome === 'not-yours') return reply(403, { error: 'forbidden', message: 'you may only mark your own notifications read' } as const);
    return reply(200, { notification: view(marked.notification) });
  });

  serveOpenApi(api, {
    title: 'Probity notification API',
    version: '1.0.0',
    description: "In-app notifications for staff signed in with the force's OpenID provider: each person sees only their own.",
    securitySchemes: { bearerAuth: bearerAuthScheme },
    security: BEARER,
  });

  const router = Router();
  router.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });
  router.use(api.router());
  router.use(notFound);
  router.use(errorHandler(log));
  return router;
}
