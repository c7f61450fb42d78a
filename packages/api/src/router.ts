import { router } from "./trpc";
import { flowsRouter } from "./routers/flows";
import { conversationsRouter } from "./routers/conversations";
import { usersRouter } from "./routers/users";
import { notificationsRouter } from "./routers/notifications";
import { knowledgeRouter } from "./routers/knowledge";

export const appRouter = router({
  flows: flowsRouter,
  conversations: conversationsRouter,
  users: usersRouter,
  notifications: notificationsRouter,
  knowledge: knowledgeRouter,
});

export type AppRouter = typeof appRouter;
