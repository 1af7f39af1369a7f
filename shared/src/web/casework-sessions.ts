// The casework portal's staff sessions, as the portal and the worker's codec endpoint both read
// them (the Temporal UI can send the portal's cookie with its codec requests).
import { isLoopbackUrl, type Config } from '../config';
import type { Db } from '../db/client';
import { webSessions, type Sessions } from './session';

/** The portal's session cookie. Cookies for 127.0.0.1 are shared by every port: the name is the portal's own. */
export const CASEWORK_SESSION_COOKIE = 'probity_casework_session';

export function caseworkSessions(db: Db, config: Pick<Config, 'CASEWORK_URL' | 'SESSION_SECRET'>): Sessions {
  return webSessions({
    db,
    service: 'casework',
    cookieName: CASEWORK_SESSION_COOKIE,
    secret: config.SESSION_SECRET,
    // Secure everywhere but plain http on this machine.
    secure: new URL(config.CASEWORK_URL).protocol === 'https:' || !isLoopbackUrl(config.CASEWORK_URL),
  });
}
