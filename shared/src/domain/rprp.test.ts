import { describe, expect, it } from 'vitest';
import { RPRP_BARS_PROMOTION, RPRP_IS_DISCIPLINARY_OUTCOME, canViewRprpRecord } from './rprp';

describe('RPRP records (§3.3.9)', () => {
  it('are sealed from anyone working on proceedings for the same matter', () => {
    const result = canViewRprpRecord({ proceedingsMatterIds: ['CM-2026-0042'] }, { matterId: 'CM-2026-0042' });
    expect(result.allowed).toBe(false);
    if (!result.allowed) expect(result.reason).toContain('§3.3.9');
  });

  it('are not sealed by this rule from people on other matters’ proceedings', () => {
    expect(canViewRprpRecord({ proceedingsMatterIds: ['CM-2026-0001'] }, { matterId: 'CM-2026-0042' })).toEqual({ allowed: true });
    expect(canViewRprpRecord({ proceedingsMatterIds: [] }, { matterId: 'CM-2026-0042' })).toEqual({ allowed: true });
  });

  it('are not a disciplinary outcome and no bar to promotion', () => {
    expect(RPRP_IS_DISCIPLINARY_OUTCOME).toBe(false);
    expect(RPRP_BARS_PROMOTION).toBe(false);
  });
});

describe('who the §3.3.9 seal covers', () => {
  it('gives a proceedings role to each task of the disciplinary process, and none to reflective practice', async () => {
    const { PROCEEDINGS_ROLES, proceedingsRoleOfTask } = await import('./rprp');
    expect(proceedingsRoleOfTask('severity-assessment')).toBe('severity-assessor');
    expect(proceedingsRoleOfTask('investigation-report')).toBe('investigator');
    expect(proceedingsRoleOfTask('referral-decision')).toBe('referral-decision-maker');
    expect(proceedingsRoleOfTask('proceedings-outcome')).toBe('presiding-officer');
    expect(proceedingsRoleOfTask('appeal')).toBe('appeal-chair');
    for (const t of ['reflective-discussion', 'development-report', 'rprp-review', 'chief-inspector-discussion', 'constructor']) expect(proceedingsRoleOfTask(t)).toBeNull();
    expect(PROCEEDINGS_ROLES).toEqual(expect.arrayContaining(['appropriate-authority', 'officer-response-recorder', 'appeal-recorder', 'panel-member']));
  });
});
