import { caseServiceReadiness } from '@probity/shared/runtime/case-service-readiness';
import type { ReadinessCheck } from '@probity/shared/runtime/service';

/**
 * Intake is ready while Postgres answers: a complaint is committed there with its event, and the
 * outbox publishes when Kafka is back. So a Kafka or Temporal blip must not take every intake pod
 * out of service; they are reported in /readyz, not gating.
 */
export function intakeReadiness(deps: Parameters<typeof caseServiceReadiness>[0]): ReadinessCheck[] {
  return caseServiceReadiness(deps).map((c) => (c.name === 'postgres' ? c : { ...c, informational: true }));
}
