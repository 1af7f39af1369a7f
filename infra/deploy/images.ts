// Every container image docker-compose.yml and the Helm chart may name, pinned to tags the images'
// own publishers document (infra/deploy/compose.test.ts refuses any other). Bump here, with the
// source, when a tag changes.
export const KNOWN_IMAGES: Record<string, { tags: string[]; source: string }> = {
  // Temporal's own compose files (temporalio/samples-server compose/.env: TEMPORAL_VERSION,
  // TEMPORAL_ADMINTOOLS_VERSION, TEMPORAL_UI_VERSION, one set at a time).
  'temporalio/server': { tags: ['1.30.1'], source: 'temporalio/samples-server compose/.env' },
  'temporalio/admin-tools': { tags: ['1.30.1'], source: 'temporalio/samples-server compose/.env' },
  'temporalio/ui': { tags: ['2.34.0'], source: 'temporalio/samples-server compose/.env' },
  // The Apache Kafka project's image, same release as the broker the local runtime runs
  // (infra/jvm/kafka/pom.xml).
  'apache/kafka': { tags: ['3.9.1'], source: 'Apache Kafka docker image (docker/README.md), release 3.9.1' },
  // The Docker official image's tag list (postgres: "16-bookworm").
  postgres: { tags: ['16-bookworm'], source: 'Docker official image postgres' },
  // Probity's own image, built from the Dockerfile (never pulled).
  'probity-app': { tags: ['local'], source: 'Dockerfile' },
};

export function imageProblem(ref: string): string | undefined {
  const at = ref.lastIndexOf(':');
  if (at < 0) return `${ref}: no tag (never "latest" implicitly)`;
  const [name, tag] = [ref.slice(0, at), ref.slice(at + 1)];
  const known = KNOWN_IMAGES[name];
  if (!known) return `${ref}: ${name} is not a known image`;
  if (!known.tags.includes(tag)) return `${ref}: tag ${tag} is not one of ${name}'s known tags (${known.tags.join(', ')})`;
  return undefined;
}
