import { describe, expect, it } from 'vitest';
import { confirmsErasure } from './erasure';

describe('confirming an erasure', () => {
  it('takes the contact’s name (any case, spaces around) or ERASE', () => {
    expect(confirmsErasure('Grace Hopper', 'Grace Hopper')).toBe(true);
    expect(confirmsErasure('  grace hopper ', 'Grace Hopper')).toBe(true);
    expect(confirmsErasure('ERASE', 'Grace Hopper')).toBe(true);
    expect(confirmsErasure('ERASE', null)).toBe(true);
  });

  it('refuses anything else, and an empty name never matches', () => {
    expect(confirmsErasure('Grace', 'Grace Hopper')).toBe(false);
    expect(confirmsErasure('erase', 'Grace Hopper')).toBe(false);
    expect(confirmsErasure('', null)).toBe(false);
    expect(confirmsErasure('', '')).toBe(false);
  });
});
