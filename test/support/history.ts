import type { Client } from "@temporalio/client";

/** A payload found in a history: where, its metadata and its bytes, as Temporal stores them. */
export interface FoundPayload {
  path: string;
  metadata: Record<string, Uint8Array>;
  data: Uint8Array;
}

/**
 * One run's history as the server keeps it: raw gRPC, so no data converter or codec decodes
 * anything on the way (all pages).
 */
export async function rawHistory(client: Client, workflowId: string, runId?: string, namespace = "default") {
  const events = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({
      namespace,
      execution: { workflowId, ...(runId ? { runId } : {}) },
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return events;
}

/**
 * Every payload in `value` (objects with a `metadata.encoding`), and every byte string and text
 * anywhere in it: what a test searches for plain text that should not be there.
 */
export function scanHistory(value: unknown): { payloads: FoundPayload[]; blobs: Buffer[] } {
  const payloads: FoundPayload[] = [];
  const blobs: Buffer[] = [];
  const walk = (node: unknown, path: string): void => {
    if (node instanceof Uint8Array || typeof node === "string") return void blobs.push(Buffer.from(node));
    if (!node || typeof node !== "object") return;
    const metadata = (node as { metadata?: Record<string, unknown> }).metadata;
    if (metadata && metadata.encoding instanceof Uint8Array) {
      payloads.push({ path, metadata: metadata as Record<string, Uint8Array>, data: (node as { data?: Uint8Array }).data ?? new Uint8Array() });
    }
    for (const [key, child] of Object.entries(node)) walk(child, `${path}.${key}`);
  };
  walk(value, "events");
  return { payloads, blobs };
}

/**
 * Payloads Temporal leaves in the clear by design, whatever the codec: search attributes (the
 * server indexes them), the SDK's own bookkeeping of local activities in their markers, and
 * patch markers (`patched("…")`), which hold only the patch's id.
 */
export const CLEAR_BY_DESIGN = /searchAttributes|markerRecordedEventAttributes\.details\.(data|patch-data)\./;

export const utf8 = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString("utf8");
