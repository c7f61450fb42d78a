/**
 * Reading uploaded documents off the caller's event loop. HTML and PDF parsing is synchronous
 * CPU work on input an admin (or anyone with the upload form) chooses; on the API's thread one
 * hostile file stalls every other request. Here each document is read in its own worker thread
 * (./ingest-thread.ts) with a deadline (the thread is terminated) and V8 heap limits, and a
 * document that exceeds them is a `KnowledgeIngestError` ('too_complex') like any other bad
 * upload. Only a thread is spawned: no database, no network.
 */
import { Worker } from 'node:worker_threads';
import type { DocumentSource, IngestedDocument } from './ingest';
import { KnowledgeIngestError } from './ingest-error';
import type { ThreadOutcome } from './ingest-thread';

export interface IngestLimits {
  /** Past this the thread is terminated. Reading a normal 5 MB PDF takes well under a second. */
  timeoutMs: number;
  /** V8 old-generation heap of the thread (MB); PDF.js on a decompression bomb hits it. */
  maxHeapMb: number;
  /** Documents read at once; further uploads wait their turn (each thread holds up to maxHeapMb). */
  concurrency: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = { timeoutMs: 10_000, maxHeapMb: 256, concurrency: 2 };

/** Plain JavaScript: it registers tsx in the thread, then loads ./ingest-thread.ts. */
const THREAD_MODULE = new URL('./ingest-thread.mjs', import.meta.url);

let running = 0;
const waiting: (() => void)[] = [];

async function turn<T>(concurrency: number, work: () => Promise<T>): Promise<T> {
  if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** `ingestDocument` in a worker thread, within `limits`; the same result and the same errors. */
export function ingestDocumentInWorker(source: DocumentSource, limits: Partial<IngestLimits> = {}): Promise<IngestedDocument> {
  const { timeoutMs, maxHeapMb, concurrency } = { ...DEFAULT_INGEST_LIMITS, ...limits };
  return turn(concurrency, () => readInThread(source, timeoutMs, maxHeapMb));
}

function readInThread(source: DocumentSource, timeoutMs: number, maxHeapMb: number): Promise<IngestedDocument> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD_MODULE, {
      workerData: source,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new KnowledgeIngestError('too_complex', `reading the document took longer than ${timeoutMs / 1000} s; split or simplify it`)));
    }, timeoutMs);
    worker.once('message', (outcome: ThreadOutcome) => {
      settle(() => (outcome.ok ? resolve({ text: outcome.text, blocks: outcome.blocks }) : reject(new KnowledgeIngestError(outcome.code, outcome.message))));
    });
    worker.once('error', (err: Error & { code?: string }) => {
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new KnowledgeIngestError('too_complex', `reading the document needs more than ${maxHeapMb} MB of memory; split or simplify it`)
            : err,
        ),
      );
    });
    worker.once('exit', (code) => {
      settle(() => reject(new Error(`the document reader stopped (exit code ${code}) without an answer`)));
    });
  });
}
