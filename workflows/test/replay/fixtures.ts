// The captured histories (replay fixtures): where they are and what the manifest of a capture says.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const HISTORIES_DIR = fileURLToPath(new URL('./histories', import.meta.url));

export interface ManifestEntry {
  file: string;
  scenario: string;
  /** Where in the scenario it was taken (e.g. 'handling', 'disposed'). */
  snapshot: string;
  workflowId: string;
  runId: string;
  workflowType: string;
  events: number;
  /** Completed, continued as new or terminated: the run's history is whole. */
  closed: boolean;
}

export interface Fixture extends ManifestEntry {
  /** The capture folder, e.g. 2026-12-01. */
  capture: string;
  commit: string;
  history: unknown;
}

/** Every captured history of every capture, oldest capture first. */
export function loadFixtures(): Fixture[] {
  if (!existsSync(HISTORIES_DIR)) return [];
  return readdirSync(HISTORIES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((capture) => {
      const dir = join(HISTORIES_DIR, capture);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { commit: string; histories: ManifestEntry[] };
      return manifest.histories.map((h) => ({ ...h, capture, commit: manifest.commit, history: JSON.parse(gunzipSync(readFileSync(join(dir, h.file))).toString('utf8')) as unknown }));
    });
}
