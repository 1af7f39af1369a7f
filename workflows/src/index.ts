// Every workflow type the worker registers. Workflow code is deterministic: it imports only
// types from activities/ and pure rules from shared/src/domain.
export { complaint } from './complaint/complaint';
export { conduct } from './conduct/conduct';
export { policyReview } from './policy/policy-review';
export { retentionSweep } from './retention/retention-sweep';
export { publication } from './publication/publication';
