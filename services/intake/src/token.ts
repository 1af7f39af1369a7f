// Prints a bearer token for a Person in the database (DATABASE_URL), for local use and demos:
//   npx tsx services/intake/src/token.ts <person-id> [ttl, e.g. 12h]
// stdout gets the token only, so `TOKEN=$(npx tsx services/intake/src/token.ts psd-handler-1)` works.
import { pathToFileURL } from 'node:url';
import { issueToken, type Actor } from '@probity/shared/auth';
import { loadConfig } from '@probity/shared/config';
import { createDb, type Db } from '@probity/shared/db/client';

export class UnknownPersonError extends Error {}

/** The actor a Person acts as, or UnknownPersonError if there is no such active person. */
export async function actorForPerson(db: Db, personId: string): Promise<Actor> {
  const p = await db.person.findUnique({ where: { id: personId } });
  if (!p) throw new UnknownPersonError(`no person with id '${personId}'`);
  if (!p.active) throw new UnknownPersonError(`person '${personId}' is not active`);
  return { id: p.id, role: p.role, rank: p.rank, team: p.team, division: p.division };
}

export async function tokenForPerson(db: Db, personId: string, secret: string, ttl = '12h'): Promise<string> {
  return issueToken(await actorForPerson(db, personId), secret, ttl);
}

async function cli(argv: string[]): Promise<number> {
  const [personId, ttl] = argv;
  if (!personId || personId.startsWith('-')) {
    process.stderr.write('usage: token <person-id> [ttl]   e.g. token psd-handler-1 12h\n');
    return 2;
  }
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL);
  try {
    process.stdout.write(`${await tokenForPerson(db, personId, config.AUTH_SECRET, ttl)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`token: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`token: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
