// Build: every service as one JavaScript file that `node` runs (dist/<service>/main.js), and the
// worker's workflow bundle (dist/worker/workflow-bundle.js). A development tool (run with tsx);
// what it builds runs without it.
//   npm run build
// Services are found as services/*/src/main.ts, so a new service builds with no edit here.
// Probity's own packages (@probity/*, TypeScript source) are compiled in; everything from
// node_modules stays external and is loaded from node_modules at run time, as installed.
import { existsSync, readdirSync } from 'node:fs';
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

// Bare imports other than @probity/* resolve from node_modules at run time.
const nodeModulesExternal: Plugin = {
  name: 'node-modules-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@probity/') ? undefined : { path: args.path, external: true }));
  },
};

async function main() {
  const t0 = performance.now();
  const entryPoints = serviceEntries();
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
  const t1 = performance.now();
  const bundle = await buildWorkflowBundle({
    root,
    workflowsPath: join(root, 'workflows/src/index.ts'),
    outFile: join(DIST, 'worker/workflow-bundle.js'),
  });
  for (const w of bundle.warnings) process.stderr.write(`[build] warning: ${w}\n`);
  const t2 = performance.now();
  process.stderr.write(
    `[build] ${Object.keys(entryPoints).map((e) => e.split('/')[0]).join(', ')} in ${Math.round(t1 - t0)} ms; ` +
      `workflow bundle ${bundle.rebuilt ? `rebuilt in ${Math.round(t2 - t1)} ms` : 'unchanged'} (${bundle.modules.length} modules)\n`,
  );
}

if (process.argv[1] === import.meta.filename) {
  main().catch((err: unknown) => {
    process.stderr.write(`[build] ${(err as Error).message}\n`);
    process.exit(1);
  });
}
