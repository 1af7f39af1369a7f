import { describe, expect, it } from 'vitest';
import { ranksOfSubjects } from './subject-ranks';

describe('the subjects\' ranks, from the record', () => {
  it('takes the rank recorded for each subject, else the identified officer\'s in the register; none for staff or unknown', () => {
    const subjects = [{ personId: 'acc-1' }, {}, { personId: 'pc-1' }, { personId: 'staff-1' }];
    const recorded = [{ seq: 1, rank: null }, { seq: 2, rank: 'inspector' }, { seq: 3, rank: null }, { seq: 4, rank: null }];
    const register = new Map<string, string | null>([['acc-1', 'assistant-chief-constable'], ['pc-1', 'constable'], ['staff-1', null]]);
    expect(ranksOfSubjects(subjects, recorded, register)).toEqual(['assistant-chief-constable', 'inspector', 'constable', null]);
  });

  it('ignores what is not a police rank', () => {
    expect(ranksOfSubjects([{}], [{ seq: 1, rank: 'grade-7' }], new Map())).toEqual([null]);
  });
});
