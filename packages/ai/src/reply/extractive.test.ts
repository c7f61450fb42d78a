import { describe, expect, it } from 'vitest';
import { helpCenter } from '../knowledge/help-center.fixture';
import { termOverlapSearch } from '../knowledge/search';
import { extractiveReply, quote } from './extractive';
import type { ReplyRequest } from './types';

async function request(question: string, overrides: Partial<ReplyRequest> = {}): Promise<ReplyRequest> {
  return {
    instructions: 'You are a friendly support assistant.',
    question,
    passages: await termOverlapSearch.search({ query: question, articles: helpCenter }),
    recentTurns: [{ author: 'contact', text: question }],
    groundedOnly: true,
    minConfidence: 0.5,
    ...overrides,
  };
}

describe('extractiveReply', () => {
  it('quotes the best passage and cites its article', async () => {
    const reply = await extractiveReply.generate(await request('I was charged twice, how do I get a refund?'));
    expect(reply).toMatchObject({
      confident: true,
      generator: 'extractive',
      citations: [{ articleId: 'double-charge', title: 'I was charged twice', url: 'https://help.example.com/double-charge' }],
    });
    if (!reply.confident) throw new Error('expected a reply');
    expect(reply.text).toContain('We refund the duplicate charge the same day.');
    expect(reply.confidence).toBe((await request('I was charged twice, how do I get a refund?')).passages[0]!.score);
  });

  it('is not confident without passages, or when the best one scores under the threshold', async () => {
    expect(await extractiveReply.generate(await request('Do you sell gift cards?'))).toMatchObject({ confident: false });
    expect(await extractiveReply.generate(await request('reset password', { passages: [] }))).toMatchObject({
      confident: false,
      confidence: 0,
      reason: 'No knowledge to ground a reply on',
    });
    const strict = await extractiveReply.generate(await request('reset password', { minConfidence: 1.5 }));
    expect(strict).toMatchObject({ confident: false, confidence: 1 });
  });
});

describe('quote', () => {
  const passage = {
    articleId: 'a',
    title: 'Plans',
    score: 1,
    text: 'Plans renew monthly. An upgrade starts now. You pay 2.50 EUR per seat. A downgrade waits for the period end. Invoices are PDF.',
  };

  it('keeps the three sentences closest to the question, in their order', () => {
    expect(quote(passage, 'downgrade or upgrade price per seat')).toBe(
      'An upgrade starts now. You pay 2.50 EUR per seat. A downgrade waits for the period end.',
    );
  });

  it('quotes short passages whole, list items as sentences, without Markdown emphasis', () => {
    expect(quote({ ...passage, text: '- Open **your order**.\n- Print the label.' }, 'label')).toBe('Open your order. Print the label.');
  });
});
