import { describe, expect, it } from 'vitest';
import { formErrors } from '@probity/shared/web/form-errors';
import { handlingFormFor } from '../complaint/complaint-task-forms';
import { rowErrorsInWords } from './task-form';

describe('a repeated row\'s errors, in GOV.UK words', () => {
  const spec = handlingFormFor([{ id: 'a1', seq: 1, category: 'individual-behaviours' }, { id: 'a2', seq: 2, category: 'use-of-force' }], true);

  it('names the allegation and what to select, not the schema\'s wording', () => {
    const schemaSays = formErrors([
      { field: 'allegationOutcomes.1.outcome', message: 'outcome must be one of service-acceptable, …' },
      { field: 'allegationOutcomes.1.actions', message: 'actions must be a list' },
      { field: 'allegationOutcomes.0.caseToAnswer', message: 'Expected boolean' },
      { field: 'summary', message: 'Enter a summary' },
    ]);
    const words = rowErrorsInWords(spec, schemaSays);
    expect(words.summary).toEqual([
      { text: 'Select the outcome for allegation 2', href: '#allegationOutcomes-1-outcome' },
      { text: 'Select the actions taken for allegation 2', href: '#allegationOutcomes-1-actions' },
      { text: 'Select whether there is a case to answer for allegation 1', href: '#allegationOutcomes-0-caseToAnswer' },
      { text: 'Enter a summary', href: '#summary' },
    ]);
    expect(words.fields['allegationOutcomes.1.outcome']).toEqual({ text: 'Select the outcome for allegation 2' });
  });
});
