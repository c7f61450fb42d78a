import { LruCache } from "@parley/ai";
import { Prisma, readRows, type Db } from "@parley/db";
import { compileFlow, nodeKinds, validateFlow, type CompiledFlow, type NodeConfig } from "@parley/flow";

/**
 * What a conversation start reads of a flow: the flow and its latest published version (one raw
 * statement, since every start pays for it) and that version's start settings and compiled graph
 * (read once per version per process: a published version never changes).
 */

export interface PublishedFlow {
  flow: { id: string; name: string };
  versionId: string;
  /** The start node's config, defaults applied. */
  start: NodeConfig<"start">;
  /**
   * The version compiled, frozen into the conversation's start input. Absent when the graph does
   * not validate: the workflow then loads the version itself and fails with the reason.
   */
  compiled?: CompiledFlow;
}

/** What a start needs of a published version: its start node's settings and its compiled graph. */
export interface ReadVersion {
  start: NodeConfig<"start">;
  compiled?: CompiledFlow;
}

/**
 * Published versions read so far: a published version never changes (a database trigger refuses
 * it), so its graph is read, validated and compiled once, not on every conversation start. As
 * many as the worker keeps (activities' COMPILED_FLOWS_CACHED): a compiled flow of 500 nodes
 * weighs a few hundred KB.
 */
const readVersions = new LruCache<string, ReadVersion>(500);

export const cachedVersion = (versionId: string): ReadVersion | undefined => readVersions.get(versionId);

/** Reads (once) the versions not read yet. */
export async function readUnreadVersions(db: Db, versionIds: string[]): Promise<void> {
  const unread = versionIds.filter((id) => !readVersions.get(id));
  if (unread.length === 0) return;
  const graphs = await db.flowVersion.findMany({ where: { id: { in: unread } }, select: { id: true, graph: true } });
  for (const { id, graph } of graphs) readVersions.set(id, readVersion(graph));
}

/**
 * A stored graph's start node config (migrated, defaults applied; all channels if unreadable) and,
 * when it validates, its compiled form: the same validation and compilation as the worker's
 * `loadFlow`, so a conversation runs the same flow whichever of the two compiled it.
 */
function readVersion(graph: unknown): ReadVersion {
  const validation = validateFlow(graph);
  const node = validation.graph?.nodes.find((candidate) => candidate.kind === "start");
  const parsed = nodeKinds.start.config.safeParse(node?.config ?? {});
  const start = parsed.success ? parsed.data : nodeKinds.start.defaults;
  return validation.ok && validation.graph ? { start, compiled: compileFlow(validation.graph) } : { start };
}

export interface FlowToStart {
  flow: { id: string; name: string; workspaceId: string };
  /** Absent when the flow has no published version (or its graph row is gone). */
  published?: PublishedFlow;
}

interface FlowRow {
  id: string;
  name: string;
  workspaceId: string;
  versionId: string | null;
}

/**
 * A flow that is not deleted (in `workspaceId` when given) with its latest published version.
 * One statement on the driver adapter instead of Prisma's findFirst and nested findMany: the
 * query compiler planned each of those again on every start (bench/conversation-runtime's
 * profile-starts.ts). `published` is a boolean on both engines (SQLite stores 0/1).
 */
export async function flowToStart(db: Db, flowId: string, workspaceId?: string): Promise<FlowToStart | undefined> {
  const [row] = await readRows<FlowRow>(
    db,
    Prisma.sql`SELECT f."id", f."name", f."workspaceId",
        (SELECT v."id" FROM "FlowVersion" v WHERE v."flowId" = f."id" AND v."published" ORDER BY v."version" DESC LIMIT 1) AS "versionId"
      FROM "Flow" f
      WHERE f."id" = ${flowId} AND f."deletedAt" IS NULL${workspaceId === undefined ? Prisma.empty : Prisma.sql` AND f."workspaceId" = ${workspaceId}`}`,
  );
  if (!row) return undefined;
  const flow = { id: row.id, name: row.name, workspaceId: row.workspaceId };
  if (!row.versionId) return { flow };
  await readUnreadVersions(db, [row.versionId]);
  const read = readVersions.get(row.versionId);
  return read ? { flow, published: { flow: { id: flow.id, name: flow.name }, versionId: row.versionId, ...read } } : { flow };
}
