import { z } from "zod";
import { ANSWERABLE_MIN_SCORE, KnowledgeIndexCache, searchHybrid } from "@parley/activities";
import type { Db } from "@parley/db";
import type { ApiServices } from "../context";
import { staffProcedure } from "../procedures";
import { idSchema, labelSchema } from "../inputs";
import { findBase } from "./knowledge-records";

/** Search indexes of this API process (the search tester), one cache per database. */
const caches = new WeakMap<Db, KnowledgeIndexCache>();
function indexCache(ctx: ApiServices): KnowledgeIndexCache {
  let cache = caches.get(ctx.db);
  if (!cache) caches.set(ctx.db, (cache = new KnowledgeIndexCache(ctx.db, ctx.knowledgeEmbedder)));
  return cache;
}

/**
 * The search tester: what a knowledge-answer node would find for `query`, with each retriever's
 * rank and the answer / not-found verdict at `minScore` (default: the calibrated threshold).
 */
export const knowledgeSearch = staffProcedure("knowledge:read")
  .input(
    z.object({
      knowledgeBaseId: idSchema,
      query: labelSchema("query", 1000),
      limit: z.number().int().min(1).max(20).default(5),
      minScore: z.number().min(0).max(1).default(ANSWERABLE_MIN_SCORE),
    }),
  )
  .query(async ({ ctx, input }) => {
    const base = await findBase(ctx, input.knowledgeBaseId);
    const started = performance.now();
    const { index } = await indexCache(ctx).index(base.id);
    const { hits, degraded } = await searchHybrid(index, input.query, {
      limit: input.limit,
      ...(ctx.knowledgeEmbedder ? { embedder: ctx.knowledgeEmbedder } : {}),
    });
    const tookMs = Math.round((performance.now() - started) * 100) / 100;
    const best = hits[0]?.score ?? 0;
    return {
      query: input.query,
      minScore: input.minScore,
      answerable: best >= input.minScore,
      retrievers: ctx.knowledgeEmbedder ? ["bm25", `embeddings (${ctx.knowledgeEmbedder.name})`] : ["bm25"],
      // What the confidence is: the embedder's calibrated cosine (its cut shown at the node's
      // default threshold) or the share of the question's terms the chunk covers.
      confidence:
        ctx.knowledgeEmbedder?.answerableSimilarity !== undefined && !degraded
          ? { basis: "similarity" as const, calibratedCut: ctx.knowledgeEmbedder.answerableSimilarity, atScore: ANSWERABLE_MIN_SCORE }
          : { basis: "coverage" as const },
      ...(degraded ? { degraded } : {}),
      tookMs,
      hits: hits.map(({ chunk, score, fused, bm25, semantic }) => ({
        chunkId: chunk.id,
        documentId: chunk.documentId,
        title: chunk.title,
        url: chunk.url ?? null,
        headingPath: chunk.headingPath,
        text: chunk.text,
        score,
        fused,
        bm25Rank: bm25?.rank ?? null,
        bm25Score: bm25?.score ?? null,
        semanticRank: semantic?.rank ?? null,
        similarity: semantic?.similarity ?? null,
      })),
    };
  });
