import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './lexicon-scorer';
import { sentimentTrend } from './trend';

const trendOf = (messages: string[]) => sentimentTrend(messages.map((text) => scoreSentiment(text).score));

describe('sentimentTrend', () => {
  it('is steady and neutral without messages, and steady with one', () => {
    expect(sentimentTrend([])).toEqual({ current: 0, direction: 'steady', points: [] });
    expect(sentimentTrend([-0.8])).toEqual({ current: -0.8, direction: 'steady', points: [-0.8] });
  });

  it('weighs the latest message half, the one before a quarter, …', () => {
    expect(sentimentTrend([1, 0, 0]).points).toEqual([1, 0.5, 0.25]);
  });

  it('sees an angry customer calm down after a fix', () => {
    const trend = trendOf([
      'this is ridiculous, my order never arrived',
      'I have been waiting for two weeks!!',
      'ok, so you are sending a replacement?',
      'great, thank you so much, that really helps',
    ]);
    expect(trend.direction).toBe('improving');
    expect(trend.points[1]!).toBeLessThan(-0.3);
  });

  it('sees a polite customer lose patience', () => {
    const trend = trendOf(['hi, quick question about my parcel', 'it still has not arrived', 'this is unacceptable, I want my money back NOW']);
    expect(trend.direction).toBe('worsening');
    expect(trend.current).toBeLessThan(-0.3);
  });

  it('calls small wobbles steady', () => {
    expect(sentimentTrend([0.1, 0, 0.05, 0.1]).direction).toBe('steady');
  });
});
