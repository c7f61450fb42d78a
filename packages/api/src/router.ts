import { router } from "./trpc";
import { flowsRouter } from "./routers/flows";
import { conversationsRouter } from "./routers/conversations";

export const appRouter = router({
  flows: flowsRouter,
  conversations: conversationsRouter,
});

export type AppRouter = typeof appRouter;
