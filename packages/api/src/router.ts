import { router } from "./trpc";
import { flowsRouter } from "./routers/flows";
import { conversationsRouter } from "./routers/conversations";
import { usersRouter } from "./routers/users";

export const appRouter = router({
  flows: flowsRouter,
  conversations: conversationsRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
