import type { Client } from "@temporalio/client";
import type { Db } from "@parley/db";
import type { Embedder } from "@parley/activities";

/** What every procedure gets. Built once per server by the app and shared by all requests. */
export interface ApiContext {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /**
   * The workspace requests act in. Authentication is not part of this slice: the server binds to
   * one workspace (the demo one by default) and scopes every query to it.
   */
  workspaceId: string;
  /** Embeds documents at upload and queries in the knowledge search tester (OpenAI when keyed); BM25 only without. */
  knowledgeEmbedder?: Embedder;
}
