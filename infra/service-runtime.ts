// infra/service-runtime.env as variables: the services' Node runtime settings, for the launchers
// written in TypeScript (bench/stack.ts) and the tests that hold the deployments to the same file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVICE_RUNTIME_ENV_FILE = join(import.meta.dirname, 'service-runtime.env');

/** Every KEY=value line of the file (comments and blank lines skipped). */
export function serviceRuntimeEnv(file = SERVICE_RUNTIME_ENV_FILE): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => {
        const eq = l.indexOf('=');
        if (eq < 1) throw new Error(`${file}: not KEY=value: ${l}`);
        return [l.slice(0, eq), l.slice(eq + 1)];
      }),
  );
}

/** The worker runs with Node's defaults: its memory is its workflow cache (WORKER_MAX_CACHED_WORKFLOWS). */
export const runsWithServiceRuntime = (service: string) => service !== 'worker';
