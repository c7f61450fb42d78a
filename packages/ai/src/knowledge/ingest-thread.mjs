// Entry of the document-reading worker thread (see ingest-in-worker.ts). Packages run as
// TypeScript sources, and a loader given to the parent (tsx, Vitest) does not reach a worker
// thread's own module graph, so this plain module registers tsx in the thread first.
import { register } from 'tsx/esm/api';

register();
await import('./ingest-thread.ts');
