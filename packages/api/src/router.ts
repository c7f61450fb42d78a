import { router } from "./trpc";
import { flowsRouter } from "./routers/flows";
import { conversationsRouter } from "./routers/conversations";
import { usersRouter } from "./routers/users";
import { notificationsRouter } from "./routers/notifications";

export const appRouter = router({
  flows: flowsRouter,
  conversations: conversationsRouter,
  users: usersRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
