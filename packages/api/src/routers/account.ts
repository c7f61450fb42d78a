import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { anyoneProcedure, signedInProcedure } from "../procedures";
import { userCaller, auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { ROLE_PERMISSIONS } from "../auth/roles";
import { idSchema, labelSchema } from "../inputs";

/** The signed-in person: who they are, their workspaces, switching between them, their profile. */
export const accountRouter = router({
  /**
   * Null when nobody is signed in (the builder then shows the sign-in page); otherwise the person,
   * every workspace they are an active member of, the one they act in, and what their role
   * there allows (the builder hides controls the server would refuse anyway).
   */
  me: anyoneProcedure.query(async ({ ctx }) => {
    const person = await userCaller(ctx);
    if (!person) return null;
    const memberships = await ctx.db.member.findMany({
      where: { userId: person.userId, deactivatedAt: null },
      orderBy: { createdAt: "asc" },
      select: { role: true, workspace: { select: { id: true, name: true, slug: true } } },
    });
    const active = person.kind === "user" ? memberships.find((m) => m.workspace.id === person.workspaceId) : undefined;
    return {
      user: { id: person.userId, name: person.name, email: person.email },
      workspaces: memberships.map((m) => ({ ...m.workspace, role: m.role })),
      active: active ? { ...active.workspace, role: active.role, permissions: [...ROLE_PERMISSIONS[active.role]] } : null,
    };
  }),

  /** Acts in another of the person's workspaces from now on (this session only). */
  switchWorkspace: signedInProcedure.input(z.object({ workspaceId: idSchema })).mutation(async ({ ctx, input }) => {
    const membership = await ctx.db.member.findFirst({
      where: { userId: ctx.person.userId, workspaceId: input.workspaceId, deactivatedAt: null },
      select: { role: true },
    });
    if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: `you are not a member of workspace ${input.workspaceId}` });
    await ctx.db.session.update({ where: { id: ctx.person.sessionId }, data: { activeWorkspaceId: input.workspaceId } });
    await recordAudit(ctx.db, auditRequest(ctx), {
      workspaceId: input.workspaceId,
      actor: { type: "user", id: ctx.person.userId, label: ctx.person.email },
      action: "workspace.switch",
    });
    return { workspaceId: input.workspaceId, role: membership.role };
  }),

  /** The person's display name (shown to customers on their replies). */
  updateProfile: signedInProcedure.input(z.object({ name: labelSchema("name", 80) })).mutation(async ({ ctx, input }) => {
    await ctx.db.user.update({ where: { id: ctx.person.userId }, data: { name: input.name } });
    return { name: input.name };
  }),
});
