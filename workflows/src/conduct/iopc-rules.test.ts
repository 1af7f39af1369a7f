import { describe, expect, it } from 'vitest';
import type { RecordableConduct } from './contract';
import { iopcDecisionRefusal } from './iopc-rules';

const psd = { id: 'psd-manager', role: 'psd-manager' };
const referred: RecordableConduct = { recordedOn: '2026-12-01', reasons: [{ code: 'serious-corruption', text: 'x' }], mustRefer: true, referredOn: '2026-12-01', iopcReference: 'IOPC-2026-1' };

describe('recording the IOPC’s decision on a referred conduct matter (C&M reg 7; Sch 3 paras 13–15)', () => {
  it('accepts PSD’s record of a decision on a referred matter, with the referral’s reference', () => {
    expect(iopcDecisionRefusal(referred, 'iopc-decision', { actor: psd, decision: 'independent', iopcReference: ' IOPC-2026-1 ' })).toBeNull();
  });
  it('refuses anyone but PSD, an unreferred matter, a second decision, a bad decision or reference, with the reason', () => {
    expect(iopcDecisionRefusal(referred, 'iopc-decision', { actor: { id: 'north-sergeant', role: 'supervisor' }, decision: 'local', iopcReference: 'IOPC-2026-1' })).toMatch(/^only PSD/);
    expect(iopcDecisionRefusal(undefined, 'investigation', { actor: psd, decision: 'local', iopcReference: 'x' })).toMatch(/not been recorded as a recordable conduct matter \(C&M reg 7\)/);
    expect(iopcDecisionRefusal({ ...referred, mustRefer: false }, 'investigation', { actor: psd, decision: 'local', iopcReference: 'x' })).toMatch(/reg 7\(1\)\(f\)/);
    expect(iopcDecisionRefusal({ ...referred, referredOn: undefined }, 'iopc-referral', { actor: psd, decision: 'local', iopcReference: 'x' })).toMatch(/complete the IOPC referral task first/);
    expect(iopcDecisionRefusal(referred, 'iopc-decision', { actor: psd, decision: 'ignore', iopcReference: 'IOPC-2026-1' })).toBe("decision: the IOPC's decision, one of: return-to-force, local, directed, independent (Sch 3 paras 14–15)");
    expect(iopcDecisionRefusal(referred, 'iopc-decision', { actor: psd, decision: 'local', iopcReference: 'IOPC-9' })).toBe("iopcReference: give the IOPC reference of this matter's referral (IOPC-2026-1)");
    const decided = { ...referred, iopcDecision: { decision: 'local' as const, recordedOn: '2026-12-02', byId: 'psd-manager', iopcReference: 'IOPC-2026-1' } };
    expect(iopcDecisionRefusal(decided, 'investigation', { actor: psd, decision: 'independent', iopcReference: 'IOPC-2026-1' })).toMatch(/already recorded on 2026-12-02 by psd-manager/);
  });
});
