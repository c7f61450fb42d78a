import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createUnderstandingActivities } from "@parley/activities";
import { textSchema } from "@parley/flow";
import { idSchema, labelSchema, optionalTextSchema } from "../inputs";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";

/**
 * The intent router's "Try it" box: what the router would decide for a message. It runs the
 * same activity code as the worker (local model trained from the examples, cached by their
 * content), so the builder shows what a conversation would get.
 */
const understanding = createUnderstandingActivities();

const intentsSchema = z
  .array(z.object({ name: labelSchema("intent name", 40), examples: z.array(optionalTextSchema("example", 300)).max(50) }))
  .min(1, "add at least one intent")
  .max(30);

const testIntentInput = z
  .object({
    text: textSchema({ label: "message", max: 4000, emptyMessage: "type a message to try" }),
    /** A saved flow version (draft or published) and the router in it… */
    flowVersionId: idSchema.optional(),
    /** …which can be left out when the version has a single intent router. */
    nodeId: idSchema.optional(),
    /** …or the intents as they are in the editor right now (unsaved edits included). */
    intents: intentsSchema.optional(),
    threshold: z.number().min(0).max(1).optional(),
  })
  .refine((input) => (input.flowVersionId === undefined) !== (input.intents === undefined), {
    message: "give either flowVersionId (and nodeId) or intents",
    path: ["intents"],
  });

const routerConfig = z.object({ intents: intentsSchema, threshold: z.number().min(0).max(1).default(0.3) });
const graphNodes = z.object({ nodes: z.array(z.object({ id: z.string(), kind: z.string(), config: z.unknown() })) });

export const aiTestRouter = router({
  /** utterance → intent, confidence, alternatives and the entities found in it. */
  intent: staffProcedure("flows:manage").input(testIntentInput).mutation(async ({ ctx, input }) => {
    let intents = input.intents ?? [];
    let threshold = input.threshold ?? 0.3;
    if (input.flowVersionId) {
      const version = await ctx.db.flowVersion.findFirst({ where: { id: input.flowVersionId, flow: { workspaceId: ctx.workspaceId } } });
      if (!version) throw new TRPCError({ code: "NOT_FOUND", message: `flow version ${input.flowVersionId} not found` });
      const graph = graphNodes.safeParse(version.graph);
      const routers = graph.success ? graph.data.nodes.filter((node) => node.kind === "intent_router") : [];
      const node = input.nodeId ? routers.find((candidate) => candidate.id === input.nodeId) : routers.length === 1 ? routers[0] : undefined;
      if (!node) {
        const message = input.nodeId ? `no intent router ${input.nodeId} in this version` : `this version has ${routers.length} intent routers; say which (nodeId)`;
        throw new TRPCError({ code: input.nodeId ? "NOT_FOUND" : "BAD_REQUEST", message });
      }
      const config = routerConfig.safeParse(node.config);
      if (!config.success) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `intent router ${node.id} has no valid intents yet` });
      intents = config.data.intents;
      threshold = input.threshold ?? config.data.threshold;
    }
    const started = performance.now();
    const result = await understanding.recognizeIntent({ text: input.text, intents, threshold });
    const elapsedMs = performance.now() - started;
    const entities = await understanding.extractEntities({ text: input.text, referenceDate: new Date().toISOString().slice(0, 10) });
    return {
      intent: result.intent,
      confidence: result.confidence,
      threshold,
      /** Every intent, best first, with its probability (the best one included, also on fallback). */
      alternatives: result.ranking,
      entities,
      /** Includes training when this set of intents had no cached model yet. */
      elapsedMs: Math.round(elapsedMs * 100) / 100,
    };
  }),
});
