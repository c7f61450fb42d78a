import { describe, expect, it } from 'vitest';
import { describeDays, parseDraft, toDraft } from './retention';

describe('retention form', () => {
  it('turns the stored value into a field and back', () => {
    expect(toDraft(90)).toEqual({ forever: false, days: '90' });
    expect(parseDraft(toDraft(90))).toEqual({ ok: true, days: 90 });
    expect(parseDraft(toDraft(null))).toEqual({ ok: true, days: null });
  });

  it('never sends an empty box (it would mean "keep forever")', () => {
    expect(parseDraft({ forever: false, days: '' })).toMatchObject({ ok: false });
    expect(parseDraft({ forever: false, days: '1.5' })).toMatchObject({ ok: false, error: expect.stringContaining('whole days') });
  });

  it('leaves the range to the API, whose reason is shown at the field', () => {
    expect(parseDraft({ forever: false, days: '0' })).toEqual({ ok: true, days: 0 });
    expect(parseDraft({ forever: false, days: ' 9999 ' })).toEqual({ ok: true, days: 9999 });
  });

  it('names the period in the unit people think in', () => {
    expect(describeDays(1)).toBe('1 day');
    expect(describeDays(14)).toBe('2 weeks');
    expect(describeDays(30)).toBe('about 1 month');
    expect(describeDays(90)).toBe('about 3 months');
    expect(describeDays(365)).toBe('1 year');
    expect(describeDays(3650)).toBe('10 years');
    expect(describeDays(400)).toBe('about 1.1 years');
  });
});
