import { router } from "../trpc";
import { staffProcedure } from "../procedures";

export const usersRouter = router({
  /** The workspace's active people who work conversations, for assignment pickers. */
  list: staffProcedure("people:read").query(async ({ ctx }) => {
    const members = await ctx.db.member.findMany({
      where: { workspaceId: ctx.workspaceId, deactivatedAt: null, role: { not: "analyst" } },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
    });
    return members
      .map(({ role, user }) => ({ id: user.id, name: user.name, email: user.email, role }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }),
});
