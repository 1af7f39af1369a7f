// Page rendering shared by every Probity web service (intake's public pages, the casework portal,
// the local OpenID provider's sign-in page): nunjucks with GOV.UK Frontend's and MoJ Frontend's
// own precompiled macros, and Probity's layout branded as the force.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime, humanise } from './format';

const require = createRequire(import.meta.url);
/** node_modules/govuk-frontend/dist: templates are imported as "govuk/components/…/macro.njk". */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
/** node_modules/@ministryofjustice/frontend: templates are imported as "moj/components/…/macro.njk". */
export const MOJ_ROOT = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
export const SHARED_VIEWS = fileURLToPath(new URL('./views', import.meta.url));

export interface Branding {
  /** e.g. "Kent Police" */
  forceName: string;
  /** e.g. "Professional Standards casework" */
  serviceName: string;
  serviceUrl: string;
}

/** A nunjucks environment: the service's own views first, then the shared layout and the design systems. */
export function createTemplates(serviceViews: string[], branding: Branding): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([...serviceViews, SHARED_VIEWS, GOVUK_DIST, MOJ_ROOT], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addGlobal('forceName', branding.forceName);
  env.addGlobal('serviceName', branding.serviceName);
  env.addGlobal('serviceUrl', branding.serviceUrl);
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('humanise', humanise);
  // Mark the chosen option(s) of radios/checkboxes (checked) and selects (selected) from the values sent back.
  const chosen = (value: unknown) => new Set((Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String));
  env.addFilter('checkedFrom', (items: { value: string }[], value: unknown) => items.map((i) => ({ ...i, checked: chosen(value).has(i.value) })));
  env.addFilter('selectedFrom', (items: { value: string }[], value: unknown) => items.map((i) => ({ ...i, selected: chosen(value).has(i.value) })));
  return env;
}
