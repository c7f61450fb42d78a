import { markdownBlocks } from './blocks';
import { chunkBlocks, type ChunkDraft, type ChunkOptions } from './chunking';
import type { KnowledgeArticleInput, KnowledgeChunk } from './types';

/** Chunk drafts of a document as searchable chunks; ids are `documentId#ordinal` unless given. */
export function toKnowledgeChunks(
  document: { id: string; title: string; url?: string | null },
  drafts: readonly (ChunkDraft & { id?: string; embedding?: readonly number[] | null })[],
): KnowledgeChunk[] {
  return drafts.map(({ id, ordinal, headingPath, text, embedding }) => ({
    id: id ?? `${document.id}#${ordinal}`,
    documentId: document.id,
    title: document.title,
    ...(document.url ? { url: document.url } : {}),
    ordinal,
    headingPath,
    text,
    ...(embedding ? { embedding } : {}),
  }));
}

/** The chunks of a Markdown article (what the benchmark and tests index). */
export function articleChunks(article: KnowledgeArticleInput, options?: ChunkOptions): KnowledgeChunk[] {
  return toKnowledgeChunks(article, chunkBlocks(markdownBlocks(article.body), options));
}
