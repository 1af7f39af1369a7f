// What the casework API's OpenAPI document (GET /api/openapi.json) says about itself; its
// operations are the ones caseworkApi() registers, so the document cannot drift from the routes.
import { BEARER, bearerAuthScheme, type DocumentSpec } from '@probity/shared/http/openapi';
import { CONDUCT_TAG } from './conduct/conduct-api';
import { POLICY_TAG } from './policy/policy-api';
import { STATISTICS_TAG } from './statistics/statistics-api';
import { EARLY_INTERVENTION_TAG } from './early-intervention/early-intervention-api';
import { LESSONS_TAG } from './lessons/lesson-api';

export const CASEWORK_DOCUMENT: Omit<DocumentSpec, 'operations'> = {
  title: 'Probity casework API',
  version: '2.0.0',
  description:
    "For staff signed in with the force's OpenID provider: the task inbox, complaint case records and their tasks, complaints taken at first contact, conduct matters, the policy register, the IOPC's statistics and the lessons learnt. Every call carries an access token from the provider; the person it names must be active in the register.",
  serverUrl: '/api',
  security: BEARER,
  securitySchemes: { bearerAuth: bearerAuthScheme },
  tags: [
    { name: 'front-line', description: 'Officers and staff recording complaints' },
    { name: 'casework', description: 'PSD handlers, investigators and managers' },
    CONDUCT_TAG,
    POLICY_TAG,
    STATISTICS_TAG,
    EARLY_INTERVENTION_TAG,
    LESSONS_TAG,
  ],
};
