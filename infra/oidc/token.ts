// Prints an access token for a person, from the local OpenID provider, for the README's curl
// examples:   npm run -s token -- psd-handler-1
// It signs the person in on the provider's own sign-in page with the local demo password (as a
// browser would, authorization code + PKCE), so the token is exactly what the services accept:
// RS256, audience OIDC_AUDIENCE, valid for an hour. stdout gets the token only.
import { pathToFileURL } from 'node:url';
import { loadConfig } from '@probity/shared/config';
import { tokenFromLocalProvider } from '@probity/shared/auth/local-provider-sign-in';

async function cli(argv: string[]): Promise<number> {
  const [personId] = argv;
  if (!personId || personId.startsWith('-')) {
    process.stderr.write('usage: npm run -s token -- <person-id>   e.g. npm run -s token -- psd-handler-1\n');
    return 2;
  }
  const config = loadConfig();
  try {
    const { accessToken } = await tokenFromLocalProvider({ issuer: config.OIDC_ISSUER, personId });
    process.stdout.write(`${accessToken}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`token: ${(err as Error).message} (is the stack running? npm start)\n`);
    return 1;
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
