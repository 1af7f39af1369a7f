import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as domain from './index';

describe('public API', () => {
  it('re-exports every module', () => {
    for (const name of [
      'addCalendarDays',
      'addMonths',
      'endOfLondonDay',
      'HolidayCalendar',
      'ENGLAND_AND_WALES',
      'addDuration',
      'DEFAULT_SLA_POLICY',
      'firstContactDue',
      'isReviewApplicationInTime',
      'canRequestFormalAssessment',
      'routeComplaint',
      'mandatoryReferralReasons',
      'allocate',
      'triageConductConcern',
      'severityOutcomeSchema',
      'sanctionsAvailable',
      'canViewRprpRecord',
      'IOPC_2021_CODE_LIST',
      'resolveAllegationCode',
      'allegationOutcomesProblem',
      'canResolveAtFirstContact',
      'conflictOfInterest',
      'restrictionOf',
      'relevantReviewBody',
      'mayReadCase',
      'workingDaysExcludingSuspension',
      'allocateInTiers',
      'proceedingsRoleOfTask',
    ]) {
      expect(domain, name).toHaveProperty(name);
    }
  });
});

describe('workflow safety of the domain sources', () => {
  const dir = new URL('.', import.meta.url);
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(sources)('%s is deterministic and imports no Node built-ins', (file) => {
    const code = readFileSync(new URL(file, dir), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/Date\.now\s*\(/);
    expect(code).not.toMatch(/Math\.random\s*\(/);
    expect(code).not.toMatch(/new Date\(\s*\)/);
    expect(code).not.toMatch(/performance\.now|setTimeout|setInterval|process\./);
    expect(code).not.toMatch(/\bIntl\b|toLocale/);
    expect(code).not.toMatch(/from\s+['"](node:|fs|path|crypto|os|child_process)['"/]/);
    for (const m of code.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
      expect(['zod'].includes(m[1]!) || m[1]!.startsWith('.'), `${file} imports ${m[1]}`).toBe(true);
    }
  });
});
