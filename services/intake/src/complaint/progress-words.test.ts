import { describe, expect, it } from 'vitest';
import { reviewRefusalInWords, reviewWindowOpen, sentence, stageWords } from './progress-words';

describe('where a complaint stands, in plain words', () => {
  it('has words for every stage the complaint workflow moves through', () => {
    for (const stage of ['received', 'first-contact', 'resolved-at-first-contact', 'assessment', 'iopc-referral', 'allocation', 'handling', 'outcome', 'review-window', 'closed']) {
      const w = stageWords(stage);
      expect(w.status, stage).not.toBe('In progress');
      expect(w.now.length).toBeGreaterThan(10);
      expect(w.next.length).toBeGreaterThan(10);
    }
  });

  it('shows retention and disposal as closed, and an unknown stage as in progress', () => {
    expect(stageWords('retained')).toEqual(stageWords('closed'));
    expect(stageWords('disposed').finished).toBe(true);
    expect(stageWords('suspended')).toMatchObject({ status: 'In progress', finished: false });
  });

  it('the review window is open in its stage up to and including its last day', () => {
    expect(reviewWindowOpen('review-window', '2026-12-29', '2026-12-29')).toBe(true);
    expect(reviewWindowOpen('review-window', '2026-12-29', '2026-12-30')).toBe(false);
    expect(reviewWindowOpen('handling', '2026-12-29', '2026-12-01')).toBe(false);
    expect(reviewWindowOpen('review-window', undefined, '2026-12-01')).toBe(false);
  });
});

describe('a workflow’s reason on a page', () => {
  it('reads as a sentence', () => {
    expect(sentence('no review can be requested while case CO-2026-000001 is at stage assessment')).toBe('No review can be requested while case CO-2026-000001 is at stage assessment.');
    expect(sentence('Already asked.')).toBe('Already asked.');
  });

  it('says a review asked for too early in the stage\'s words, not its internal name', () => {
    expect(reviewRefusalInWords('no review can be requested while case CO-2026-000001 is at stage first-contact')).toBe(
      'You cannot ask for a review of complaint CO-2026-000001 yet: a review can be asked for only after we have told you the outcome. Where it stands now: We are contacting you.',
    );
    expect(reviewRefusalInWords('no review can be requested while case CO-2026-000001 is at stage iopc-referral')).not.toContain('iopc-referral');
    expect(reviewRefusalInWords('a review has already been requested and is being handled')).toBe('A review has already been requested and is being handled.');
  });
});
