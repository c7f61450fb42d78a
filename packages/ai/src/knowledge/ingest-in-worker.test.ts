import { describe, expect, it } from 'vitest';
import { htmlNestingDepth, MAX_HTML_DEPTH } from './html-depth';
import { ingestDocument } from './ingest';
import { ingestDocumentInWorker } from './ingest-in-worker';
import { KnowledgeIngestError } from './ingest-error';
import { tinyPdf } from './test-pdf.fixture';

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(err).toBeInstanceOf(KnowledgeIngestError);
  return { code: (err as KnowledgeIngestError).code, message: (err as KnowledgeIngestError).message };
}

describe('htmlNestingDepth', () => {
  it('counts nested elements in one pass, leaving out void and optional-end elements, comments and scripts', () => {
    expect(htmlNestingDepth('<div><section><span>x</span></section></div>')).toBe(3);
    expect(htmlNestingDepth('<div><br><img src="a.png"><hr/></div>')).toBe(1);
    expect(htmlNestingDepth(`<ul>${'<li>item '.repeat(5000)}</ul><p>a<p>b`)).toBe(1);
    expect(htmlNestingDepth('<!-- <div><div><div> --><script>if (a<b) "<div><div>"</script><b>x</b>')).toBe(1);
    expect(htmlNestingDepth('<div>'.repeat(100_000), MAX_HTML_DEPTH)).toBe(MAX_HTML_DEPTH + 1);
    // No '>' anywhere: the scan stops instead of looking ahead from every '<'.
    expect(htmlNestingDepth('<'.repeat(200_000))).toBe(0);
  });
});

describe('ingestDocumentInWorker', () => {
  it('reads HTML and PDF in a thread exactly as on this one', async () => {
    const html = { sourceType: 'html' as const, content: '<h1>Billing</h1><div><p>Refunds take <b>5 days</b>.</p></div>' };
    expect(await ingestDocumentInWorker(html)).toEqual(await ingestDocument(html));
    const pdf = { sourceType: 'pdf' as const, content: tinyPdf(['Refund policy', 'You can ask for a refund within 30 days.']) };
    expect(await ingestDocumentInWorker(pdf)).toEqual(await ingestDocument({ ...pdf, content: pdf.content.slice() }));
  });

  it('refuses 100,000 nested <div>s before parsing them, and keeps ingestion errors as they are', async () => {
    expect(await failure(ingestDocumentInWorker({ sourceType: 'html', content: `${'<div>'.repeat(100_000)}text` }))).toEqual({
      code: 'too_complex',
      message: `the HTML nests elements more than ${MAX_HTML_DEPTH} deep; flatten it`,
    });
    expect(await failure(ingestDocumentInWorker({ sourceType: 'pdf', content: new TextEncoder().encode('not a pdf') }))).toMatchObject({ code: 'corrupt' });
    expect(await failure(ingestDocumentInWorker({ sourceType: 'html', content: '<script>x()</script>' }))).toMatchObject({ code: 'empty' });
  });

  it('terminates a thread that does not answer within the time limit', async () => {
    const pdf = { sourceType: 'pdf' as const, content: tinyPdf(['Slow enough: the limit is shorter than starting a thread.']) };
    expect(await failure(ingestDocumentInWorker(pdf, { timeoutMs: 1 }))).toEqual({
      code: 'too_complex',
      message: 'reading the document took longer than 0.001 s; split or simplify it',
    });
  });
});
