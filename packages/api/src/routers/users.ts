import { publicProcedure, router } from "../trpc";

export const usersRouter = router({
  /** The workspace's people (admins and agents), for assignment and "replying as". */
  list: publicProcedure.query(async ({ ctx }) => {
    const users = await ctx.db.user.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { name: "asc" } });
    return users.map((user) => ({ id: user.id, name: user.name, email: user.email, role: user.role }));
  }),
});
