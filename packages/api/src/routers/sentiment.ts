import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createUnderstandingActivities, sentimentTrend } from "@parley/activities";
import { idSchema } from "../inputs";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { visibleConversations } from "../auth/conversation-scope";

const understanding = createUnderstandingActivities();
/** The customer's latest messages the trend is computed over (older ones weigh ~nothing anyway). */
const TREND_MESSAGES = 30;

export const sentimentRouter = router({
  /**
   * How the customer's mood moves in a conversation (inbox label and sparkline): each of their
   * latest messages scored, and an exponentially weighted trend. Computed on read: scoring is
   * tens of microseconds a message, and the score then always matches the current model.
   */
  trend: staffProcedure("conversations:read").input(z.object({ conversationId: idSchema })).query(async ({ ctx, input }) => {
    const conversation = await ctx.db.conversation.findFirst({ where: { id: input.conversationId, ...visibleConversations(ctx.caller) }, select: { id: true } });
    if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${input.conversationId} not found` });
    const latest = await ctx.db.message.findMany({
      where: { conversationId: conversation.id, author: "contact" },
      orderBy: { seq: "desc" },
      take: TREND_MESSAGES,
      select: { seq: true, text: true },
    });
    const messages = await Promise.all(
      latest.reverse().map(async ({ seq, text }) => ({ seq, score: (await understanding.analyzeSentiment({ text: text.slice(0, 4000) })).score })),
    );
    return { messages, trend: sentimentTrend(messages.map((message) => message.score)) };
  }),
});
