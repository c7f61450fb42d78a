import { describe, expect, it } from 'vitest';
import { LexiconSentimentAnalyzer, scoreSentiment } from './lexicon-scorer';
import { SENTIMENT_PHRASES, SENTIMENT_WORDS } from './lexicon';
import { sentimentLabel } from './types';

const score = (text: string) => scoreSentiment(text).score;

describe('lexicon sentiment scorer', () => {
  it.each([
    ['This is terrible, I want my money back!', 'negative'],
    ['I am not happy with the service', 'negative'],
    ["the app doesn't work", 'negative'],
    ['my package never arrived', 'negative'],
    ['I have been waiting for weeks, this is a joke', 'negative'],
    ['Thanks, but it still does not work', 'negative'],
    ['Thanks, that worked perfectly', 'positive'],
    ['great, thank you so much :)', 'positive'],
    ['not bad at all', 'positive'],
    ['Where is my order?', 'neutral'],
    ['can you help me change my address', 'neutral'],
    ['', 'neutral'],
  ])('"%s" is %s', (text, label) => {
    expect(scoreSentiment(text).label).toBe(label);
  });

  it('keeps scores within -1..1 however much evidence piles up', () => {
    const furious = 'TERRIBLE awful horrible useless scam!!! worst nightmare ever, absolutely unacceptable';
    expect(score(furious)).toBeGreaterThanOrEqual(-1);
    expect(score(furious)).toBeLessThan(-0.95);
    const delighted = 'amazing, fantastic, perfect, thank you so much, you are the best!!!';
    expect(score(delighted)).toBeLessThanOrEqual(1);
    expect(score(delighted)).toBeGreaterThan(0.95);
  });

  it('flips negated words, more weakly for negated negatives', () => {
    expect(score('happy')).toBeGreaterThan(0.4);
    expect(score('not happy')).toBeLessThan(-0.4);
    expect(score('not terrible')).toBeGreaterThan(0);
    expect(score('not terrible')).toBeLessThan(-score('terrible'));
    expect(score('never again, not good')).toBeLessThan(0);
  });

  it('turns negated neutral verbs into complaints ("doesn\'t work", "can\'t log in")', () => {
    expect(score('it works')).toBeGreaterThan(0);
    expect(score("it doesn't work")).toBeLessThan(-0.4);
    expect(score('it doesnt work')).toBe(score("it doesn't work"));
    expect(score("I can't log in")).toBeLessThan(-0.3);
    expect(score('I log in every day')).toBe(0);
  });

  it('scales by intensifiers before the word, also across a negation', () => {
    expect(score('very slow')).toBeLessThan(score('slow'));
    expect(score('a bit slow')).toBeGreaterThan(score('slow'));
    expect(score('a bit slow')).toBeLessThan(0);
    expect(score('really not working')).toBeLessThan(score('not working'));
    expect(score('not very helpful')).toBeLessThan(score('not helpful'));
    // "super" as an intensifier does not also count as praise.
    expect(score('super slow')).toBeLessThan(score('slow'));
  });

  it('amplifies with exclamation marks (up to three) and SHOUTED words', () => {
    expect(score('this is bad!')).toBeLessThan(score('this is bad'));
    expect(score('this is bad!!!')).toBeLessThan(score('this is bad!'));
    expect(score('this is bad!!!!!!')).toBe(score('this is bad!!!'));
    expect(score('great!!')).toBeGreaterThan(score('great'));
    expect(score('this is BAD')).toBeLessThan(score('this is bad'));
    expect(score('I')).toBe(0);
  });

  it('reads a whole message in capitals as shouting, leaning negative', () => {
    expect(scoreSentiment('WHERE IS MY ORDER').label).toBe('negative');
    expect(score('WHERE IS MY ORDER')).toBeLessThan(score('where is my order'));
    expect(score('THIS IS BAD')).toBeLessThan(score('this is bad'));
  });

  it('weighs the clause after "but" more than the one before', () => {
    expect(score('the agent was friendly but the product is broken')).toBeLessThan(0);
    expect(score('the product is broken but the agent was friendly')).toBeGreaterThan(0);
  });

  it('matches phrases before words, and inflections through the stem', () => {
    expect(scoreSentiment("I'm fed up").evidence).toEqual([{ text: 'fed up', weight: SENTIMENT_PHRASES['fed up'] }]);
    expect(score('it keeps crashes')).toBeLessThan(0); // "crashes" is not listed; "crash" is
    expect(score('thank you')).toBeGreaterThan(0.5);
  });

  it('counts emoticons and a few emoji', () => {
    expect(score('ok :(')).toBeLessThan(0);
    expect(score('ok :)')).toBeGreaterThan(score('ok'));
    expect(score('\u{1F621}')).toBeLessThan(0);
    expect(score('\u{1F44D}')).toBeGreaterThan(0);
  });

  it('labels by the ±0.2 cutoff and explains itself', async () => {
    expect([-0.5, -0.2, -0.19, 0, 0.19, 0.2, 0.9].map(sentimentLabel)).toEqual([
      'negative', 'negative', 'neutral', 'neutral', 'neutral', 'positive', 'positive',
    ]);
    const result = await new LexiconSentimentAnalyzer().analyze('The delivery was late and the box was damaged');
    expect(result.evidence.map((e) => e.text)).toEqual(['late', 'damaged']);
    expect(result.score).toBe(score('The delivery was late and the box was damaged'));
  });

  it('has a lexicon of a few hundred support words with weights in -3..3', () => {
    const weights = Object.values(SENTIMENT_WORDS);
    expect(weights.length).toBeGreaterThan(300);
    for (const weight of [...weights, ...Object.values(SENTIMENT_PHRASES)]) {
      expect(Math.abs(weight)).toBeLessThanOrEqual(3);
    }
  });
});
