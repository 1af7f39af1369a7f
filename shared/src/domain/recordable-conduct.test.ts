import { describe, expect, it } from 'vitest';
import { conductInvestigatorAfterIopc, conductMatterGroundsSchema, mustReferConductMatter } from './recordable-conduct';

describe('recordable conduct matters (C&M reg 7; PRA 2002 Sch 3 paras 11, 13)', () => {
  it('C&M reg 7(1)(c): serious corruption, including abuse of position for a sexual purpose, is recorded and referred', () => {
    const r = mustReferConductMatter({ reg7: ['serious-corruption'] });
    expect(r).toMatchObject({ record: true, refer: true, reasons: [{ code: 'serious-corruption' }] });
    expect(r.reasons[0]!.text).toMatch(/abuse of position for a sexual purpose.*C&M reg 7\(1\)\(c\)/);
    expect(r.explanation).toMatch(/^Recordable and to be referred to the IOPC \(Sch 3 para 13\(1\)\)/);
  });

  it('Sch 3 para 13(1)(a): a death or serious injury is referred whatever the description', () => {
    expect(mustReferConductMatter({ deathOrSeriousInjury: true })).toMatchObject({ record: true, refer: true, reasons: [{ code: 'death-or-serious-injury' }] });
  });

  it('C&M reg 7(1)(a), (b), (d), (e), (g), (h) are each referred, in the regulation’s order', () => {
    const r = mustReferConductMatter({ reg7: ['same-incident', 'serious-assault', 'chief-officer', 'relevant-offence', 'discrimination-aggravated', 'serious-sexual-offence'] });
    expect(r.refer).toBe(true);
    expect(r.reasons.map((x) => x.code)).toEqual(['serious-assault', 'serious-sexual-offence', 'discrimination-aggravated', 'relevant-offence', 'chief-officer', 'same-incident']);
  });

  it('C&M reg 7(1)(f): gravity or exceptional circumstances alone is recorded, and referral is the authority’s choice (para 13(2))', () => {
    const r = mustReferConductMatter({ reg7: ['gravity-or-exceptional-circumstances'] });
    expect(r).toMatchObject({ record: true, refer: false });
    expect(r.explanation).toMatch(/Sch 3 para 13\(2\)/);
  });

  it('nothing found: not recordable, stays under the Conduct Regulations', () => {
    expect(mustReferConductMatter(undefined)).toMatchObject({ record: false, refer: false, reasons: [] });
    expect(mustReferConductMatter({ deathOrSeriousInjury: false, reg7: [] }).explanation).toMatch(/^Not recordable/);
  });

  it('refuses a description that is not one of reg 7(1)’s, naming them', () => {
    const parsed = conductMatterGroundsSchema.safeParse({ reg7: ['rudeness'] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/^each description must be one of C&M reg 7\(1\)'s: serious-assault/);
  });

  it('Sch 3 para 15: only an independent investigation is the IOPC’s; returned matters need no investigation', () => {
    expect(conductInvestigatorAfterIopc('independent')).toMatchObject({ investigatedBy: 'iopc', mustInvestigate: true });
    expect(conductInvestigatorAfterIopc('directed')).toMatchObject({ investigatedBy: 'force', mustInvestigate: true });
    expect(conductInvestigatorAfterIopc('local')).toMatchObject({ investigatedBy: 'force', mustInvestigate: true });
    expect(conductInvestigatorAfterIopc('return-to-force')).toMatchObject({ investigatedBy: 'force', mustInvestigate: false });
  });
});
