// What the intake service's OpenAPI document says about itself; its operations are the ones the
// app registers (complaint/), so the document cannot drift from the routes.
import type { DocumentSpec } from '@probity/shared/http/openapi';

export const INTAKE_DOCUMENT: Omit<DocumentSpec, 'operations'> = {
  title: 'Probity intake API',
  version: '3.0.0',
  description:
    "Complaints about the police from the public (no sign-in), and the complainant's progress and review request with their case token, sent in the X-Case-Token header (never in the URL). The same service serves the public pages (the complaint form, progress, review) at /, validated with the same schemas. Personal data stays in Postgres: the case.received event carries ids and categories only. Staff work cases through the casework service (its own document at /api/openapi.json there).",
  tags: [{ name: 'public', description: 'Member of the public: no account' }],
  securitySchemes: {
    caseToken: { type: 'apiKey', in: 'header', name: 'X-Case-Token', description: 'The token returned when the complaint was made' },
  },
};
