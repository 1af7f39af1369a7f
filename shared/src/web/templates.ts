// Page rendering shared by every Probity web service (intake's public pages, the casework portal,
// the local OpenID provider's sign-in page): nunjucks with GOV.UK Frontend's and MoJ Frontend's
// own precompiled macros, and Probity's layout branded as the force.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime, humanise } from './format';

const require = createRequire(import.meta.url);
/** node_modules/govuk-frontend/dist: templates are imported as "govuk/components/…/macro.njk". */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
/** node_modules/@ministryofjustice/frontend: templates are imported as "moj/components/…/macro.njk". */
export const MOJ_ROOT = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
/**
 * A folder beside a module of Probity's source, found through its workspace package
 * ('@probity/intake/app' → services/intake/src), so it is the same folder whether the code runs
 * from source (tsx, vitest) or compiled into dist/<service>/main.js, where import.meta.url is
 * the bundle's and a relative URL would point into dist/.
 */
export function sourceDir(moduleSpecifier: string, relative: string): string {
  return join(dirname(require.resolve(moduleSpecifier)), relative);
}
export const SHARED_VIEWS = sourceDir('@probity/shared/web/templates', 'views');

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
