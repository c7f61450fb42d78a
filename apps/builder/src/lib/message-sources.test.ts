import { describe, expect, it } from 'vitest';
import { generatedLabel, sourcesOf } from './message-meta';

describe('sourcesOf', () => {
  it('lists each cited article once, linking only http(s) urls', () => {
    expect(
      sourcesOf({
        citations: [
          { articleId: 'a1', title: ' Refund policy ', url: 'https://help.example.com/refunds' },
          { articleId: 'a1', title: 'Refund policy', url: 'https://help.example.com/refunds' },
          { articleId: 'a2', title: 'Shipping times' },
          { articleId: 'a3', title: 'Sneaky', url: 'javascript:alert(1)' },
          { articleId: 'a4', title: '  ' },
        ],
      }),
    ).toEqual([
      { key: 'a1', title: 'Refund policy', href: 'https://help.example.com/refunds' },
      { key: 'a2', title: 'Shipping times', href: null },
      { key: 'a3', title: 'Sneaky', href: null },
    ]);
  });

  it('gives nothing for messages without citations or with malformed ones', () => {
    expect(sourcesOf(null)).toEqual([]);
    expect(sourcesOf({ quickReplies: ['Yes'] })).toEqual([]);
    expect(sourcesOf({ citations: 'oops' } as never)).toEqual([]);
  });
});

describe('generatedLabel', () => {
  it('names the generator and its confidence', () => {
    expect(generatedLabel({ generated: { by: 'extractive', confidence: 0.736 } })).toBe('quoted from the help center, 74% sure');
    expect(generatedLabel({ generated: { by: 'extractive', confidence: Number.NaN } })).toBe('quoted from the help center');
    expect(generatedLabel({ generated: { by: 'openai:gpt-4o-mini', confidence: 0.9 } })).toBe('written by openai:gpt-4o-mini, 90% sure');
    expect(generatedLabel({ citations: [] })).toBeNull();
  });
});
