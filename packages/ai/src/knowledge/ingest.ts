import { markdownBlocks, textBlocks } from './blocks';
import { htmlBlocks } from './html';
import { htmlNestingDepth, MAX_HTML_DEPTH } from './html-depth';
import { pdfBlocks } from './pdf';
import { KnowledgeIngestError } from './ingest-error';
import type { DocumentBlock, KnowledgeSourceType } from './types';

export { KnowledgeIngestError, type IngestErrorCode } from './ingest-error';

/** Largest upload accepted (bytes of the file; a PDF's text is much smaller). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** Largest text kept from a document: about 150 pages; beyond that, split it into documents. */
export const MAX_DOCUMENT_CHARS = 500_000;

/** What to ingest: text formats as a string, PDF as its bytes. */
export type DocumentSource =
  | { sourceType: 'text' | 'markdown' | 'html'; content: string }
  | { sourceType: 'pdf'; content: Uint8Array };

export interface IngestedDocument {
  /** The document's searchable text (a PDF's extracted text; the source itself otherwise). */
  text: string;
  blocks: DocumentBlock[];
}

/** How each text format is read into blocks (PDF is read from bytes first, see `ingestDocument`). */
const READERS = {
  text: textBlocks,
  markdown: markdownBlocks,
  html: htmlBlocks,
  pdf: textBlocks,
} satisfies Record<KnowledgeSourceType, (text: string) => DocumentBlock[]>;

/**
 * Reads a document into blocks (headings and paragraphs) for chunking. Throws
 * `KnowledgeIngestError` for a file that is too large, HTML nested too deeply, an unreadable PDF,
 * or a document with no text. Runs on the caller's thread: a server should call
 * `ingestDocumentInWorker` instead, which adds time and memory limits.
 */
export async function ingestDocument(source: DocumentSource): Promise<IngestedDocument> {
  let text: string;
  let blocks: DocumentBlock[];
  if (source.sourceType === 'pdf') {
    if (source.content.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge(source.content.byteLength);
    blocks = await pdfBlocks(source.content);
    text = blocks.map((block) => block.text).join('\n\n');
  } else {
    if (!(source.sourceType in READERS)) throw new KnowledgeIngestError('unsupported', `unsupported source type "${source.sourceType as string}"`);
    const bytes = Buffer.byteLength(source.content, 'utf8');
    if (bytes > MAX_DOCUMENT_BYTES) throw tooLarge(bytes);
    text = source.content;
    if (source.sourceType === 'html') {
      const depth = htmlNestingDepth(text, MAX_HTML_DEPTH);
      if (depth > MAX_HTML_DEPTH) throw new KnowledgeIngestError('too_complex', `the HTML nests elements more than ${MAX_HTML_DEPTH} deep; flatten it`);
    }
    blocks = READERS[source.sourceType](text);
  }
  const chars = blocks.reduce((sum, block) => sum + block.text.length, 0);
  if (!blocks.some((block) => block.kind === 'paragraph')) {
    throw new KnowledgeIngestError('empty', 'the document has no text to search (only headings, or nothing at all)');
  }
  if (chars > MAX_DOCUMENT_CHARS) {
    throw new KnowledgeIngestError('too_large', `the document has ${chars.toLocaleString('en')} characters of text; the limit is ${MAX_DOCUMENT_CHARS.toLocaleString('en')} — split it`);
  }
  return { text, blocks };
}

function tooLarge(bytes: number): KnowledgeIngestError {
  return new KnowledgeIngestError('too_large', `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
}
