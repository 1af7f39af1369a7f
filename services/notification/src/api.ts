import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Actor } from '@probity/shared/auth';
import { AuthError, AuthUnavailable } from '@probity/shared/auth/access-token';
import { actorFromBearer, type ActorAuth } from '@probity/shared/auth/bearer';
import { UnknownPersonError } from '@probity/shared/auth/people';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { markRead, notificationsFor } from '@probity/shared/notifications/in-app';

// In-app notifications for the person signed in: their list (newest first) and marking one read.
// Every email to staff is also an in-app notification; so are the in-app-only ones. A caller only
// ever sees their own notifications.
//   GET  /notifications?recipientId=<own id>[&unread=true][&limit=50]
//   POST /notifications/:id/read


const listQuery = z.object({
  recipientId: z.string().min(1).optional(),
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const view = (n: {
  id: string;
  eventId: string;
  channel: string;
  subject: string;
  body: string;
  caseRef: string | null;
  createdAt: Date;
  sentAt: Date | null;
  readAt: Date | null;
}) => ({
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

type Authed = Response<unknown, { actor: Actor }>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function createNotificationRouter(opts: { db: Db; auth: ActorAuth; log: Logger }): Router {
  const { db, auth, log } = opts;
  const router = Router();

  // The signed-in person: an access token from the OpenID provider, for an active person.
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    if (!req.get('authorization')) {
      res.set('WWW-Authenticate', 'Bearer');
      throw new HttpError(401, 'unauthenticated', 'a Bearer token is required');
    }
    try {
      res.locals.actor = await actorFromBearer(auth, req.get('authorization'));
    } catch (err) {
      if (err instanceof AuthUnavailable) throw new HttpError(503, 'unavailable', 'sign-in cannot be checked just now; try again shortly');
      if (err instanceof AuthError || err instanceof UnknownPersonError) {
        res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw new HttpError(401, 'unauthenticated', 'the Bearer token is invalid or expired, or names no active person');
      }
      throw err;
    }
    next();
  };

  router.get('/notifications', authenticate, async (req, res: Authed) => {
    const { actor } = res.locals;
    const q = listQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, 'bad-request', q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const recipientId = q.data.recipientId ?? actor.id;
    if (recipientId !== actor.id) throw new HttpError(403, 'forbidden', 'you may only list your own notifications');
    const rows = await notificationsFor(db, recipientId, { unreadOnly: q.data.unread === 'true', limit: q.data.limit });
    res.json({ notifications: rows.map(view) });
  });

  router.post('/notifications/:id/read', authenticate, async (req, res: Authed) => {
    const { actor } = res.locals;
    const id = String(req.params.id);
    const marked = await markRead(db, actor.id, id);
    if (marked.outcome === 'not-found') throw new HttpError(404, 'not-found', 'no such notification');
    if (marked.outcome === 'not-yours') throw new HttpError(403, 'forbidden', 'you may only mark your own notifications read');
    res.json({ notification: view(marked.notification) });
  });

  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.code, message: err.message });
      return;
    }
    log.error({ err: (err as Error).message }, 'notification API request failed');
    res.status(500).json({ error: 'internal', message: 'internal error' });
  });

  return router;
}
