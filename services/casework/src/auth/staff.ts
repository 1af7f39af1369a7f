// Every portal page is for signed-in staff. The session names a person; their current record in
// the Person register is loaded on every request (a deactivated person is signed out at once),
// with what the page header shows: their name, role and unread notifications, and the menu.
import type { RequestHandler, Response } from 'express';
import { isPsd, type Actor } from '@probity/shared/auth';
import type { Db } from '@probity/shared/db/client';
import { unreadCount } from '@probity/shared/notifications/in-app';
import { sessionOf, type Sessions } from '@probity/shared/web/session';
import { maySeeFlags } from '../early-intervention/flag-queries';
import { mayOversee, mayRaiseConduct, mayRecordComplaint } from './roles';

export interface StaffUser {
  id: string;
  name: string;
  role: string;
}

export function actorOfPage(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new Error('actorOfPage() used on a page without requireStaff');
  return actor;
}

interface NavItem {
  href: string;
  text?: string;
  html?: string;
  active?: boolean;
}


function menu(actor: Actor, path: string, unread: number, seesFlags: boolean): NavItem[] {
  const items: NavItem[] = [{ href: '/', text: 'Tasks' }];
  if (mayRecordComplaint(actor)) items.push({ href: '/complaints/new', text: 'Record a complaint' });
  if (mayRaiseConduct(actor)) items.push({ href: '/conduct-matters/new', text: 'Raise a conduct matter' });
  if (mayOversee(actor)) items.push({ href: '/oversight', text: 'Oversight' }, { href: '/statistics', text: 'Statistics' });
  // Line managers see the flags on the people they manage, so the item is not PSD's alone.
  if (seesFlags) items.push({ href: '/early-intervention', text: 'Early intervention' });
  items.push({ href: '/policies', text: 'Policies' }, { href: '/workforce/hearing-outcomes', text: 'Hearing outcomes' }, { href: '/workforce/lessons', text: 'Lessons learnt' });
  items.push({
    href: '/notifications',
    html: `Notifications${unread ? ` <span class="probity-badge-count">${unread}</span><span class="govuk-visually-hidden"> unread</span>` : ''}`,
  });
  return items.map((i) => ({ ...i, active: i.href === '/' ? path === '/' : path.startsWith(i.href) }));
}

export function requireStaff(deps: { db: Db; sessions: Sessions }): RequestHandler {
  return async (req, res, next) => {
    const session = sessionOf(res);
    const person = session?.personId
      ? await deps.db.person.findUnique({ where: { id: session.personId }, select: { id: true, name: true, role: true, rank: true, team: true, division: true, active: true } })
      : null;
    if (!person?.active) {
      if (session) await deps.sessions.end(res, session);
      if (req.method !== 'GET') return res.redirect(303, '/sign-in');
      return res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
    }
    const actor: Actor = { id: person.id, role: person.role, rank: person.rank, team: person.team, division: person.division };
    const [unread, seesFlags] = await Promise.all([unreadCount(deps.db, person.id), maySeeFlags(deps.db, actor)]);
    res.locals.actor = actor;
    res.locals.user = { id: person.id, name: person.name, role: person.role, psd: isPsd(actor) };
    res.locals.unread = unread;
    res.locals.csrfToken = session!.data.csrf;
    res.locals.nav = menu(actor, req.path, unread, seesFlags);
    next();
  };
}
