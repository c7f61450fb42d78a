import { describe, expect, it } from 'vitest';
import { INTENT_NAME_PATTERN } from '@parley/flow';
import { slug } from './intent-names';

describe('slug (intent name derived from its label)', () => {
  it.each([
    ['Order status', 'order_status'],
    ['  Billing & refunds! ', 'billing_refunds'],
    ['Café opening hours', 'cafe_opening_hours'],
    ['2FA problems', 'fa_problems'],
    ['Talk to a human', 'talk_to_a_human'],
  ])('"%s" → %s', (label, name) => {
    expect(slug(label)).toBe(name);
    expect(INTENT_NAME_PATTERN.test(name)).toBe(true);
  });

  it('gives nothing when no letter is left, and at most 40 characters', () => {
    expect(slug('123 !!')).toBe('');
    expect(slug('')).toBe('');
    expect(slug('a very long label '.repeat(5))).toHaveLength(40);
    expect(slug('a very long label '.repeat(5)).endsWith('_')).toBe(false);
  });
});
