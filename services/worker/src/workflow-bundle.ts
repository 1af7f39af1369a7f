import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type BundleOptions } from '@temporalio/worker';

// The workflow bundle: workflows/src and everything it imports, as one file the worker's V8
// sandbox loads. Built once at build time (infra/build.ts), never at start outside development,
// and refused if server-side code leaked into it: workflow code must stay deterministic and small.

/**
 * Packages workflow code may bring into the sandbox: the Temporal workflow runtime and what it
 * needs, and zod (pure validation). Anything else from node_modules is server-side or unreviewed.
 */
export const WORKFLOW_PACKAGES = ['@temporalio/workflow', '@temporalio/common', 'long', 'ms', 'nexus-rpc', 'zod'] as const;

/** Probity code that talks to the world (or holds secrets) and so must never reach the bundle. */
export const SERVER_SIDE_PATHS = [
  'activities/',
  'services/',
  'infra/',
  'shared/src/db/',
  'shared/src/runtime/',
  'shared/src/testing/',
  'shared/src/kafka.ts',
  'shared/src/log.ts',
  'shared/src/config.ts',
  'shared/src/temporal/connect.ts',
  'shared/src/temporal/codec.ts',
  'shared/src/temporal/codec-server.ts',
  'shared/src/temporal/namespace.ts',
] as const;

/**
 * Leaks known and tolerated (with a warning) until their fix lands; a tolerated leak that is gone
 * fails the check, so an allowance cannot outlive its fix. None today: jose, which reached the
 * bundle through shared/src/auth.ts, left it when that file was split (shared/src/auth/).
 */
export const KNOWN_LEAKS: readonly { module: string; via: string }[] = [];

/** The package a node_modules path belongs to ("@scope/name" or "name"; the innermost one). */
export function packageOf(path: string): string | undefined {
  const all = [...path.split(sep).join('/').matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  return all.at(-1)?.[1];
}

/** Server-side modules among the bundle's files (paths relative to the repository), named. Pure. */
export function serverSideModules(modulePaths: readonly string[]): string[] {
  const refused = new Set<string>();
  for (const path of modulePaths) {
    const pkg = packageOf(path);
    if (pkg) {
      if (!(WORKFLOW_PACKAGES as readonly string[]).includes(pkg)) refused.add(`package ${pkg}`);
      continue;
    }
    const hit = SERVER_SIDE_PATHS.find((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
    if (hit) refused.add(`server-side module ${path}`);
  }
  return [...refused].sort();
}

export class WorkflowBundleLeak extends Error {}

/**
 * Applies the check: throws WorkflowBundleLeak naming every refused module; returns the warnings
 * for known leaks still present. A known leak that is gone fails too (delete its allowance).
 */
export function checkBundleModules(modulePaths: readonly string[], known = KNOWN_LEAKS): { warnings: string[] } {
  const refused = serverSideModules(modulePaths);
  const tolerated = (r: string) =>
    known.some((k) => r === `package ${k.module}` && modulePaths.includes(k.via));
  const leaks = refused.filter((r) => !tolerated(r));
  const gone = known.filter((k) => !refused.includes(`package ${k.module}`));
  const problems = [
    ...leaks.map((l) => `${l} is in the workflow bundle (workflow code may import only ${WORKFLOW_PACKAGES.join(', ')} and pure Probity modules)`),
    ...gone.map((k) => `${k.module} no longer reaches the workflow bundle: delete its KNOWN_LEAKS allowance in services/worker/src/workflow-bundle.ts`),
  ];
  if (problems.length) throw new WorkflowBundleLeak(`workflow bundle check failed:\n  ${problems.join('\n  ')}`);
  return { warnings: refused.filter(tolerated).map((r) => `${r} is in the workflow bundle (known leak, tolerated until its fix lands)`) };
}

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];
type WebpackPlugin = NonNullable<WebpackConfig['plugins']>[number];

/** A webpack plugin that records the file of every module that went into the bundle. */
function recordModules(into: Set<string>): WebpackPlugin {
  return {
    apply(compiler) {
      compiler.hooks.compilation.tap('probity-record-modules', (compilation) => {
        compilation.hooks.finishModules.tap('probity-record-modules', (modules) => {
          for (const m of modules) {
            const resource = (m as { resource?: string }).resource;
            if (resource) into.add(resource);
          }
        });
      });
    },
  };
}

export interface BuiltBundle {
  outFile: string;
  /** false when the inputs were unchanged since the last build and the bundle was kept. */
  rebuilt: boolean;
  modules: string[];
  warnings: string[];
}

interface Manifest {
  hash: string;
  modules: string[];
}

/** Hash of the files a bundle was made from (and the lockfile), to skip unchanged rebuilds. */
function inputsHash(root: string, modules: readonly string[]): string | undefined {
  const h = createHash('sha256');
  for (const m of [...modules, 'package-lock.json']) {
    const abs = `${root}/${m}`;
    if (!existsSync(abs)) return undefined;
    h.update(m).update('\0').update(readFileSync(abs)).update('\0');
  }
  return h.digest('hex');
}

/**
 * Bundles `workflowsPath` into `outFile`, unless the files the previous bundle was made from are
 * unchanged (an import added or removed changes an importing file, so the set is exact).
 */
export async function buildWorkflowBundle(opts: { root: string; workflowsPath: string; outFile: string }): Promise<BuiltBundle> {
  const { root, workflowsPath, outFile } = opts;
  const manifestFile = `${outFile}.inputs.json`;
  if (existsSync(outFile) && existsSync(manifestFile)) {
    const previous = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (inputsHash(root, previous.modules) === previous.hash) {
      return { outFile, rebuilt: false, modules: previous.modules, ...checkBundleModules(previous.modules) };
    }
  }
  const seen = new Set<string>();
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => ({ ...config, plugins: [...(config.plugins ?? []), recordModules(seen)] }),
  });
  // Webpack's generated entry point lives in memory only; every other module is a real file.
  const modules = [...seen].map((m) => relative(root, m).split(sep).join('/')).filter((m) => existsSync(`${root}/${m}`)).sort();
  const { warnings } = checkBundleModules(modules);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, code);
  // Every module exists (filtered above), so the hash is defined; without one the next build rebuilds.
  const hash = inputsHash(root, modules) ?? '';
  writeFileSync(manifestFile, JSON.stringify({ hash, modules } satisfies Manifest, null, 1));
  return { outFile, rebuilt: true, modules, warnings };
}
