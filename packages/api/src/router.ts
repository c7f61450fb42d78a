import { router } from "./trpc";
import { flowsRouter } from "./routers/flows";
import { conversationsRouter } from "./routers/conversations";
import { usersRouter } from "./routers/users";
import { notificationsRouter } from "./routers/notifications";
import { knowledgeRouter } from "./routers/knowledge";
import { aiTestRouter } from "./routers/ai-test";
import { sentimentRouter } from "./routers/sentiment";

export const appRouter = router({
  flows: flowsRouter,
  conversations: conversationsRouter,
  users: usersRouter,
  notifications: notificationsRouter,
  knowledge: knowledgeRouter,
  aiTest: aiTestRouter,
  sentiment: sentimentRouter,
});

export type AppRouter = typeof appRouter;
