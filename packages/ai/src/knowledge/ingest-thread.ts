/**
 * The worker-thread side of `ingestDocumentInWorker`: reads the one document it is given with
 * `ingestDocument` and posts the outcome back. Nothing else: no database, no network.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ingestDocument, type DocumentSource } from './ingest';
import { KnowledgeIngestError } from './ingest-error';

export type ThreadOutcome =
  | { ok: true; text: string; blocks: Awaited<ReturnType<typeof ingestDocument>>['blocks'] }
  | { ok: false; code: KnowledgeIngestError['code']; message: string };

async function run(source: DocumentSource): Promise<ThreadOutcome> {
  try {
    const { text, blocks } = await ingestDocument(source);
    return { ok: true, text, blocks };
  } catch (err) {
    if (err instanceof KnowledgeIngestError) return { ok: false, code: err.code, message: err.message };
    // A parser that gives up on hostile input is the document's problem, not a server error;
    // only the first line of its message travels (never a stack).
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    return { ok: false, code: 'corrupt', message: `the document cannot be read: ${reason.slice(0, 200)}` };
  }
}

parentPort?.postMessage(await run(workerData as DocumentSource));
