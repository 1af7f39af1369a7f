import { describe, expect, it } from 'vitest';
import { faultTable } from './table';

describe('the fault table', () => {
  it('prints one aligned Markdown row per fault and a total, numbers right-aligned', () => {
    const table = faultTable([
      { fault: 'intake', cases: 143, accepted: 143, lost: 0, duplicated: 0, recoverSeconds: 9.26 },
      { fault: 'postgres', cases: 142, accepted: 141, lost: 1, duplicated: 2, recoverSeconds: 31 },
    ]);
    expect(table.split('\n')).toEqual([
      '| fault (kill -9) | cases | accepted | lost | duplicated | seconds to recover |',
      '| --------------- | ----: | -------: | ---: | ---------: | -----------------: |',
      '| intake          |   143 |      143 |    0 |          0 |                9.3 |',
      '| postgres        |   142 |      141 |    1 |          2 |               31.0 |',
      '| **total**       |   285 |      284 |    1 |          2 |                  — |',
    ]);
  });
});
