import { describe, expect, it } from 'vitest';
import { isImageUrl, quickRepliesOf, ratingScale, safeMediaUrl, transcribedLabel } from './message-meta';

describe('message meta', () => {
  it('recognises image attachments by the extension of their path', () => {
    for (const url of [
      'https://cdn.example.com/a.png',
      'https://cdn.example.com/photos/b.JPG',
      'https://cdn.example.com/c.jpeg?size=large',
      'https://cdn.example.com/d.gif#frame',
      'https://cdn.example.com/e.webp',
      'https://cdn.example.com/logo.svg',
    ]) {
      expect(isImageUrl(url), url).toBe(true);
    }
    for (const url of [
      'https://example.com/invoice.pdf',
      'https://example.com/png',
      'https://example.com/download?file=a.png',
      'https://example.com/a.png.zip',
    ]) {
      expect(isImageUrl(url), url).toBe(false);
    }
  });

  it('renders only http(s) attachment links', () => {
    expect(safeMediaUrl('https://example.com/a.pdf')).toBe('https://example.com/a.pdf');
    expect(safeMediaUrl('javascript:alert(1)')).toBeNull();
    expect(safeMediaUrl('not a url')).toBeNull();
    expect(safeMediaUrl(undefined)).toBeNull();
  });

  it('sees a rating scale in buttons "1".."N" only', () => {
    expect(ratingScale(['1', '2', '3', '4', '5'])).toBe(5);
    expect(ratingScale(Array.from({ length: 10 }, (_, i) => String(i + 1)))).toBe(10);
    expect(ratingScale(['1', '2', '4'])).toBeNull();
    expect(ratingScale(['0', '1', '2'])).toBeNull();
    expect(ratingScale(['1'])).toBeNull();
    expect(ratingScale(['Yes', 'No'])).toBeNull();
  });

  it('cleans quick replies', () => {
    expect(quickRepliesOf({ quickReplies: [' Yes ', 'No', 'Yes', ''] })).toEqual(['Yes', 'No']);
    expect(quickRepliesOf(null)).toEqual([]);
    expect(quickRepliesOf({})).toEqual([]);
  });

  it('labels spoken messages with their transcription confidence and a barge-in', () => {
    expect(transcribedLabel({ spoken: { confidence: 0.917 } })).toBe('transcribed, 92% confidence');
    expect(transcribedLabel({ spoken: { confidence: 0.5, interruptedMessageId: 'c-4' } })).toBe('transcribed, 50% confidence · interrupted the bot');
    expect(transcribedLabel({ voiceText: 'Hello' })).toBeNull();
    expect(transcribedLabel({ spoken: { confidence: 'high' as unknown as number } })).toBeNull();
    expect(transcribedLabel(null)).toBeNull();
  });
});
