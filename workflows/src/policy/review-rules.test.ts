import { describe, expect, it } from 'vitest';
import type { Actor } from '@probity/shared/auth';
import { PolicyRefusal, checkOwnerChange, checkReviewer, parseReview } from './review-rules';

const actor = (id: string, role = 'policy-owner'): Actor => ({ id, role, rank: null, team: 't', division: 'hq' });
const p02 = { ref: 'P02', ownerId: 'policy-owner', ownerManagerId: 'owners-manager' };

describe('who may record a review', () => {
  it('the owner, their manager and the head of PSD may', () => {
    expect(() => checkReviewer(actor('policy-owner'), p02)).not.toThrow();
    expect(() => checkReviewer(actor('owners-manager', 'supervisor'), p02)).not.toThrow();
    expect(() => checkReviewer(actor('head-of-psd', 'head-of-psd'), p02)).not.toThrow();
  });

  it('anyone else is refused, saying who may', () => {
    expect(() => checkReviewer(actor('psd-manager', 'psd-manager'), p02)).toThrow(
      new PolicyRefusal('psd-manager may not record the review of policy P02: only its owner (policy-owner), their manager (owners-manager) or the head of PSD may'),
    );
    expect(() => checkReviewer(actor('someone'), { ...p02, ownerManagerId: null })).toThrow(
      'only its owner (policy-owner) or the head of PSD may',
    );
  });
});

describe('what a review says', () => {
  it('no amendments keeps the version; amended needs a new one', () => {
    expect(parseReview('P02', { outcome: 'no-amendments' }, '1.0')).toEqual({ outcome: 'no-amendments' });
    expect(parseReview('P02', { outcome: 'amended', newVersion: '1.1', notes: 'links updated' }, '1.0')).toEqual({
      outcome: 'amended',
      newVersion: '1.1',
      notes: 'links updated',
    });
  });

  it('refuses a missing, superfluous, unchanged or malformed version, naming the field', () => {
    expect(() => parseReview('P02', { outcome: 'amended' }, '1.0')).toThrow("invalid review of policy P02 — newVersion: required when the outcome is 'amended'");
    expect(() => parseReview('P02', { outcome: 'no-amendments', newVersion: '2.0' }, '1.0')).toThrow(
      "newVersion: must not be given when the outcome is 'no-amendments'",
    );
    expect(() => parseReview('P02', { outcome: 'amended', newVersion: '1.0' }, '1.0')).toThrow(
      'policy P02 is already at version 1.0: an amended policy needs a new version',
    );
    expect(() => parseReview('P02', { outcome: 'amended', newVersion: 'v 2' }, '1.0')).toThrow(/newVersion: a version such as 1.1/);
    expect(() => parseReview('P02', { outcome: 'rewritten' }, '1.0')).toThrow(/invalid review of policy P02 — outcome:/);
    expect(() => parseReview('P02', undefined, '1.0')).toThrow(PolicyRefusal);
  });
});

describe('who may hand a policy to a new owner', () => {
  it('the head of PSD, a PSD manager or the owner\'s manager may', () => {
    for (const a of [actor('head-of-psd', 'head-of-psd'), actor('psd-manager', 'psd-manager'), actor('owners-manager', 'supervisor')]) {
      expect(() => checkOwnerChange(a, p02, 'new-owner')).not.toThrow();
    }
  });

  it('the owner may not give it away, nor may anyone else', () => {
    expect(() => checkOwnerChange(actor('policy-owner'), p02, 'new-owner')).toThrow(
      "policy-owner may not change the owner of policy P02: only the head of PSD, a PSD manager or the owner's manager (owners-manager) may",
    );
    expect(() => checkOwnerChange(actor('psd-handler-1', 'psd-handler'), p02, 'new-owner')).toThrow(PolicyRefusal);
  });

  it('needs a different, named owner', () => {
    const head = actor('head-of-psd', 'head-of-psd');
    expect(() => checkOwnerChange(head, p02, 'policy-owner')).toThrow('policy-owner already owns policy P02');
    expect(() => checkOwnerChange(head, p02, ' ')).toThrow('a new owner for policy P02 must be given (ownerId)');
    expect(() => checkOwnerChange(head, p02, undefined)).toThrow(PolicyRefusal);
  });
});
