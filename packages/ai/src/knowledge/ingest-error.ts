/** `too_complex`: within the size limit, but nested too deeply, or too slow or too big to read (see ingest-in-worker.ts). */
export type IngestErrorCode = 'too_large' | 'too_complex' | 'corrupt' | 'empty' | 'unsupported';

/** A document that cannot be ingested, with a reason an admin can act on. */
export class KnowledgeIngestError extends Error {
  override readonly name = 'KnowledgeIngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
  }
}
