import { describe, expect, it } from 'vitest';
import { chunkBlocks } from './chunking';
import { ingestDocument, MAX_DOCUMENT_BYTES } from './ingest';
import { KnowledgeIngestError } from './ingest-error';
import { tinyPdf } from './test-pdf.fixture';

describe('ingestDocument', () => {
  it('reads Markdown headings and paragraphs, keeping lists and code fences whole', async () => {
    const { blocks } = await ingestDocument({
      sourceType: 'markdown',
      content: '# Billing\r\n\r\nIntro.\r\n\r\n## Refunds\n\n- card: 5 days\n- PayPal: 2 days\n\n```\n# not a heading\n\nstill code\n```\n',
    });
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Billing' },
      { kind: 'paragraph', text: 'Intro.' },
      { kind: 'heading', level: 2, text: 'Refunds' },
      { kind: 'paragraph', text: '- card: 5 days\n- PayPal: 2 days' },
      { kind: 'paragraph', text: '```\n# not a heading\n\nstill code\n```' },
    ]);
  });

  it('reads HTML headings, paragraphs and lists, dropping scripts, styles and navigation', async () => {
    const { blocks } = await ingestDocument({
      sourceType: 'html',
      content: `<html><head><title>x</title><style>p{}</style></head><body><nav>Home | Help</nav>
        <h1>Billing</h1><p>We bill <b>monthly</b> &amp; in advance.</p><script>alert(1)</script>
        <h2>Refunds</h2><ul><li>Card: 5 days</li><li>PayPal: 2 days</li></ul><div>Loose text<p>Nested paragraph</p></div>`,
    });
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Billing' },
      { kind: 'paragraph', text: 'We bill monthly & in advance.' },
      { kind: 'heading', level: 2, text: 'Refunds' },
      { kind: 'paragraph', text: '- Card: 5 days\n- PayPal: 2 days' },
      { kind: 'paragraph', text: 'Loose text' },
      { kind: 'paragraph', text: 'Nested paragraph' },
    ]);
  });

  it('reads plain text as paragraphs only', async () => {
    const { blocks } = await ingestDocument({ sourceType: 'text', content: '# 1 is not a heading\n\nSecond paragraph' });
    expect(blocks).toEqual([
      { kind: 'paragraph', text: '# 1 is not a heading' },
      { kind: 'paragraph', text: 'Second paragraph' },
    ]);
  });

  it("extracts a PDF's text offline", async () => {
    const { text, blocks } = await ingestDocument({ sourceType: 'pdf', content: tinyPdf(['Refund policy', 'You can ask for a refund within 30 days.']) });
    expect(text).toContain('You can ask for a refund within 30 days.');
    expect(blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('refuses corrupt, oversized and empty documents with a reason', async () => {
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (err: unknown) => (err instanceof KnowledgeIngestError ? err.code : `other: ${String(err)}`),
      );
    expect(await code(ingestDocument({ sourceType: 'pdf', content: new TextEncoder().encode('hello, not a pdf') }))).toBe('corrupt');
    const truncated = tinyPdf(['Refund policy']).slice(0, 120);
    expect(await code(ingestDocument({ sourceType: 'pdf', content: truncated }))).toMatch(/corrupt|empty/);
    expect(await code(ingestDocument({ sourceType: 'text', content: 'x'.repeat(MAX_DOCUMENT_BYTES + 1) }))).toBe('too_large');
    expect(await code(ingestDocument({ sourceType: 'markdown', content: '# Only\n\n## Headings\n' }))).toBe('empty');
    expect(await code(ingestDocument({ sourceType: 'html', content: '<script>x()</script>' }))).toBe('empty');
    expect(await code(ingestDocument({ sourceType: 'docx' as 'text', content: 'x' }))).toBe('unsupported');
  });
});

describe('chunkBlocks', () => {
  it('keeps the heading path with every chunk and starts a new chunk at each heading', async () => {
    const { blocks } = await ingestDocument({
      sourceType: 'markdown',
      content: 'Intro.\n\n# Billing\n\n## Refunds\n\nRefunds take 5 days.\n\n### Cards\n\nCard refunds.\n\n## Invoices\n\nInvoices are PDFs.',
    });
    expect(chunkBlocks(blocks).map((c) => [c.ordinal, c.headingPath.join(' › '), c.text])).toEqual([
      [0, '', 'Intro.'],
      [1, 'Billing › Refunds', 'Refunds take 5 days.'],
      [2, 'Billing › Refunds › Cards', 'Card refunds.'],
      [3, 'Billing › Invoices', 'Invoices are PDFs.'],
    ]);
  });

  it('packs paragraphs up to maxChars and overlaps whole sentences within a section', () => {
    const sentence = (i: number) => `Sentence number ${i} says something useful.`;
    const paragraphs = Array.from({ length: 12 }, (_, p) => [0, 1, 2].map((s) => sentence(p * 3 + s)).join(' '));
    const chunks = chunkBlocks(
      [{ kind: 'heading', level: 2, text: 'Long' }, ...paragraphs.map((text) => ({ kind: 'paragraph' as const, text }))],
      { maxChars: 400, overlapChars: 100 },
    );
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(400);
      expect(chunk.headingPath).toEqual(['Long']);
    }
    for (let i = 1; i < chunks.length; i++) {
      const previousEnd = chunks[i - 1]!.text.slice(-60);
      expect(chunks[i]!.text.startsWith('Sentence number')).toBe(true);
      expect(chunks[i]!.text).toContain(previousEnd.slice(previousEnd.indexOf('Sentence')));
    }
    // Every sentence lands in some chunk.
    for (let i = 0; i < 36; i++) expect(chunks.some((c) => c.text.includes(sentence(i)))).toBe(true);
  });

  it('cuts a paragraph longer than maxChars, even one without sentence ends', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkBlocks([{ kind: 'paragraph', text: words }], { maxChars: 300, overlapChars: 50 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(300);
    expect(chunks.at(-1)!.text.endsWith('word399')).toBe(true);
  });
});
