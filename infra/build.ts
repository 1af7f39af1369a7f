// Build: every service as one JavaScript file that `node` runs (dist/<service>/main.js), and the
// worker's workflow bundle (dist/worker/workflow-bundle.js). A development tool (run with tsx);
// what it builds runs without it.
//   npm run build
// Services are found as services/*/src/main.ts, so a new service builds with no edit here.
// Probity's own packages (@probity/*, TypeScript source) are compiled in; everything from
// node_modules stays external and is loaded from node_modules at run time, as installed.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, type Plugin } from 'esbuild';
import { buildWorkflowBundle } from '@probity/worker/workflow-bundle';

const root = join(import.meta.dirname, '..');
export const DIST = join(root, 'dist');

/** services/<name>/src/main.ts for every service that has one. */
export function serviceEntries(): Record<string, string> {
  const dir = join(root, 'services');
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'src/main.ts')))
      .map((d) => [`${d.name}/main`, join(dir, d.name, 'src/main.ts')]),
  );
}

/**
 * The one-shot jobs and the demo pieces, compiled like the services, so the image runs JavaScript
 * only. The local runtime (infra/probity) runs these same sources with tsx; docker-compose.yml and
 * the Helm chart run dist/<name>.js (infra/deploy.test.ts holds them to that).
 */
export const TOOL_ENTRIES: Record<string, string> = {
  'tools/migrate': 'shared/src/db/migrate.ts',
  'tools/seed': 'shared/src/db/seed.ts',
  'tools/create-topics': 'infra/create-topics.ts',
  'tools/temporal-namespaces': 'infra/temporal-namespaces.ts',
  'oidc/main': 'infra/oidc/main.ts',
  'mailsink/main': 'infra/mailsink/main.ts',
};

// Bare imports other than @probity/* resolve from node_modules at run time.
const nodeModulesExternal: Plugin = {
  name: 'node-modules-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@probity/') ? undefined : { path: args.path, external: true }));
  },
};

async function main() {
  const t0 = performance.now();
  const entryPoints = { ...serviceEntries(), ...Object.fromEntries(Object.entries(TOOL_ENTRIES).map(([k, v]) => [k, join(root, v)])) };
  await build({
    entryPoints,
    outdir: DIST,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [nodeModulesExternal],
  });
  // The demo provider's page templates, beside its compiled main (it finds them as ./views).
  cpSync(join(root, 'infra/oidc/views'), join(DIST, 'oidc/views'), { recursive: true });
  const t1 = performance.now();
  const bundle = await buildWorkflowBundle({
    root,
    workflowsPath: join(root, 'workflows/src/index.ts'),
    outFile: join(DIST, 'worker/workflow-bundle.js'),
  });
  for (const w of bundle.warnings) process.stderr.write(`[build] warning: ${w}\n`);
  const t2 = performance.now();
  process.stderr.write(
    `[build] ${Object.keys(entryPoints).map((e) => e.replace(/\/main$/, '')).join(', ')} in ${Math.round(t1 - t0)} ms; ` +
      `workflow bundle ${bundle.rebuilt ? `rebuilt in ${Math.round(t2 - t1)} ms` : 'unchanged'} (${bundle.modules.length} modules)\n`,
  );
}

if (process.argv[1] === import.meta.filename) {
  main().catch((err: unknown) => {
    process.stderr.write(`[build] ${(err as Error).message}\n`);
    process.exit(1);
  });
}
