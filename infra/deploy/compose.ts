// docker-compose.yml as the Compose model sees it (anchors and merge keys resolved): what
// infra/deploy/compose.test.ts checks and compose-jobs.int.test.ts runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(import.meta.dirname, '../..');

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  entrypoint?: string[] | string;
  ports?: string[];
  restart?: string;
  profiles?: string[];
  healthcheck?: { test: string[] | string };
  environment?: Record<string, string>;
  env_file?: string | string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  network_mode?: string;
}

/** Compose's variable interpolation: ${VAR:-default}, ${VAR}, and $$ for a literal $. */
export function interpolate(text: string, env: Record<string, string | undefined> = {}): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (m, name: string | undefined, fallback: string | undefined) =>
    m === '$$' ? '$' : (env[name!] || (fallback ?? '')));
}

/** The services, with variables at their defaults (or from `env`). */
export function readCompose(file = join(ROOT, 'docker-compose.yml'), env: Record<string, string | undefined> = {}): Record<string, ComposeService> {
  const doc = parse(interpolate(readFileSync(file, 'utf8'), env), { merge: true }) as { services: Record<string, ComposeService> };
  return doc.services;
}

/** A one-shot step (migrations, topics, namespace, demo data): restarts only when it failed. */
export const isJob = (s: ComposeService) => (s.restart ?? '').startsWith('on-failure') || s.restart === 'no';

/** The compiled tool a job runs: "node dist/tools/migrate.js …" → "tools/migrate". */
export function distEntry(s: ComposeService): string | undefined {
  const cmd = Array.isArray(s.command) ? s.command : [];
  const js = cmd.find((a) => a.startsWith('dist/') && a.endsWith('.js'));
  return js?.slice('dist/'.length, -'.js'.length);
}
