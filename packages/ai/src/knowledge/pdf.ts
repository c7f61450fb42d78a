import { extractText, getDocumentProxy } from 'unpdf';
import { textBlocks } from './blocks';
import { KnowledgeIngestError } from './ingest-error';
import type { DocumentBlock } from './types';

/** Lines of a page grouped into paragraphs of about this many characters when a PDF has no blank lines. */
const PARAGRAPH_CHARS = 600;

/**
 * A PDF's text as paragraphs, page by page, through unpdf (PDF.js built for servers: pure
 * JavaScript, no network, no worker thread). PDFs carry no reliable headings, so none are made
 * up; a scanned PDF without a text layer is "empty".
 */
export async function pdfBlocks(bytes: Uint8Array): Promise<DocumentBlock[]> {
  if (!startsWith(bytes, '%PDF-')) throw new KnowledgeIngestError('corrupt', 'the file is not a PDF (it does not start with %PDF-)');
  let pages: string[];
  try {
    // PDF.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    const document = await getDocumentProxy(bytes.slice(), { verbosity: 0 });
    pages = (await extractText(document, { mergePages: false })).text;
  } catch (err) {
    throw new KnowledgeIngestError('corrupt', `the PDF cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  return pages.flatMap((page) => (/\n\s*\n/.test(page) ? textBlocks(page) : groupLines(page)));
}

function groupLines(page: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let current = '';
  for (const line of page.split('\n').map((l) => l.trim()).filter(Boolean)) {
    current = current ? `${current}\n${line}` : line;
    if (current.length >= PARAGRAPH_CHARS && /[.!?:]$/.test(line)) {
      blocks.push({ kind: 'paragraph', text: current });
      current = '';
    }
  }
  if (current) blocks.push({ kind: 'paragraph', text: current });
  return blocks;
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  // A PDF may have a few bytes of junk before its header; PDF.js tolerates up to 1024.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes(magic);
}
