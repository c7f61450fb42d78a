export type IngestErrorCode = 'too_large' | 'corrupt' | 'empty' | 'unsupported';

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
