import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { anyoneProcedure, checkCookieOrigin, staffProcedure } from "../procedures";
import { auditRequest, userCaller } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { generateLinkToken, hashApiKey } from "../auth/api-keys";
import { mayGrant, ROLES, type Role } from "../auth/roles";
import { idSchema, labelSchema } from "../inputs";
import type { ApiServices } from "../context";
import type { UserCaller } from "../auth/caller";
import { agentMember } from "./agent-member";
import { tellQueues } from "../routing-signals";

const roleSchema = z.enum(ROLES);
const capacitySchema = z.number().int().min(0).max(20);
const INVITATION_DAYS = 7;

type ManagerContext = ApiServices & { caller: UserCaller | { kind: "apiKey" }; workspaceId: string };

/** The member row of `userId` in the caller's workspace, checked against what the caller may touch. */
async function manageableMember(ctx: ManagerContext, userId: string, newRole?: Role) {
  const member = await ctx.db.member.findUnique({ where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId } } });
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: `member ${userId} not found` });
  if (ctx.caller.kind !== "user") throw new TRPCError({ code: "FORBIDDEN", message: "sign in as a person to manage members" });
  if (userId === ctx.caller.userId) throw new TRPCError({ code: "FORBIDDEN", message: "you cannot change your own role or deactivate yourself" });
  if (!mayGrant(ctx.caller.role, member.role) || (newRole && !mayGrant(ctx.caller.role, newRole))) {
    throw new TRPCError({ code: "FORBIDDEN", message: "only an owner can change an owner or make one" });
  }
  return member;
}

/** A workspace keeps at least one active owner. */
async function keepsAnOwner(ctx: ManagerContext, leavingUserId: string) {
  const owners = await ctx.db.member.count({
    where: { workspaceId: ctx.workspaceId, role: "owner", deactivatedAt: null, userId: { not: leavingUserId } },
  });
  if (owners === 0) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "a workspace needs at least one active owner" });
}

export const membersRouter = router({
  list: staffProcedure("members:manage").query(async ({ ctx }) => {
    const [members, invitations] = await Promise.all([
      ctx.db.member.findMany({
        where: { workspaceId: ctx.workspaceId },
        orderBy: { createdAt: "asc" },
        select: {
          role: true,
          deactivatedAt: true,
          createdAt: true,
          chatCapacity: true,
          callCapacity: true,
          user: { select: { id: true, name: true, email: true } },
        },
      }),
      ctx.db.invitation.findMany({
        where: { workspaceId: ctx.workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { createdAt: "desc" },
        select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
      }),
    ]);
    return {
      members: members.map((m) => ({
        ...m.user,
        role: m.role,
        active: m.deactivatedAt === null,
        joinedAt: m.createdAt.toISOString(),
        chatCapacity: m.chatCapacity,
        callCapacity: m.callCapacity,
      })),
      invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() })),
    };
  }),

  /**
   * Invites someone by link: the answer carries the link's token once (the database keeps only
   * its hash). Whoever opens the link before it expires joins in `role`.
   */
  invite: staffProcedure("members:manage")
    .input(z.object({ email: z.email().max(254), role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      if (ctx.caller.kind !== "user" || !mayGrant(ctx.caller.role, input.role)) {
        throw new TRPCError({ code: "FORBIDDEN", message: "only an owner can invite an owner" });
      }
      const email = input.email.toLowerCase();
      const existing = await ctx.db.member.findFirst({ where: { workspaceId: ctx.workspaceId, user: { email } }, select: { id: true } });
      if (existing) throw new TRPCError({ code: "CONFLICT", message: `${email} is a member already` });
      const { token, hash } = generateLinkToken();
      const invitation = await ctx.db.invitation.create({
        data: {
          workspaceId: ctx.workspaceId,
          email,
          role: input.role,
          tokenHash: hash,
          invitedById: ctx.caller.userId,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
        },
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "member.invite",
        target: { type: "invitation", id: invitation.id },
        details: { email, role: input.role },
      });
      return { id: invitation.id, token, expiresAt: invitation.expiresAt.toISOString() };
    }),

  revokeInvitation: staffProcedure("members:manage").input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.invitation.updateMany({
      where: { id: input.id, workspaceId: ctx.workspaceId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: `open invitation ${input.id} not found` });
    await recordAudit(ctx.db, auditRequest(ctx), {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: "member.invitation_revoke",
      target: { type: "invitation", id: input.id },
    });
    return { ok: true as const };
  }),

  changeRole: staffProcedure("members:manage")
    .input(z.object({ userId: idSchema, role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const member = await manageableMember(ctx, input.userId, input.role);
      if (member.role === "owner" && input.role !== "owner") await keepsAnOwner(ctx, input.userId);
      await ctx.db.member.update({ where: { id: member.id }, data: { role: input.role } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "member.role_change",
        target: { type: "user", id: input.userId },
        details: { from: member.role, to: input.role },
      });
      return { ok: true as const };
    }),

  /** A deactivated member keeps their history but may do nothing in this workspace until reactivated. */
  setActive: staffProcedure("members:manage")
    .input(z.object({ userId: idSchema, active: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const member = await manageableMember(ctx, input.userId);
      if (!input.active && member.role === "owner") await keepsAnOwner(ctx, input.userId);
      await ctx.db.member.update({ where: { id: member.id }, data: { deactivatedAt: input.active ? null : new Date() } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: input.active ? "member.reactivate" : "member.deactivate",
        target: { type: "user", id: input.userId },
      });
      return { ok: true as const };
    }),

  /**
   * How many conversations a person works at once (routing offers no more): chats and calls
   * apart. 0 takes them out of that channel's offers without taking them out of their teams.
   */
  setCapacity: staffProcedure("teams:manage")
    .input(z.object({ userId: idSchema, chatCapacity: capacitySchema, callCapacity: capacitySchema }))
    .mutation(async ({ ctx, input }) => {
      const member = await agentMember(ctx.db, ctx.workspaceId, input.userId);
      const capacity = await ctx.db.member.update({
        where: { id: member.id },
        data: { chatCapacity: input.chatCapacity, callCapacity: input.callCapacity },
        select: { chatCapacity: true, callCapacity: true },
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "member.capacity_set",
        target: { type: "user", id: input.userId },
        details: { email: member.user.email, ...capacity },
      });
      // More room may take a waiting conversation now (the queue reads presence itself).
      tellQueues(ctx, { workspaceId: ctx.workspaceId, userId: input.userId, available: true });
      return { ok: true as const };
    }),
});

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, "not an invitation link");

async function openInvitation(ctx: ApiServices, token: string) {
  const invitation = await ctx.db.invitation.findUnique({
    where: { tokenHash: hashApiKey(token) },
    include: { workspace: { select: { id: true, name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt < new Date()) {
    throw new TRPCError({ code: "NOT_FOUND", message: "this invitation link is not valid any more; ask for a new one" });
  }
  return invitation;
}

/** The invitee's side: whoever holds the link's token (the link is the credential). */
export const invitationsRouter = router({
  preview: anyoneProcedure.input(z.object({ token: tokenSchema })).query(async ({ ctx, input }) => {
    const invitation = await openInvitation(ctx, input.token);
    const hasAccount = (await ctx.db.user.count({ where: { email: invitation.email } })) > 0;
    return { workspace: invitation.workspace.name, email: invitation.email, role: invitation.role, hasAccount };
  }),

  /**
   * Joins the workspace. A new person chooses their name and password here (hashed by Better
   * Auth); someone who has an account must be signed in as the invited email.
   */
  accept: anyoneProcedure
    .input(z.object({ token: tokenSchema, name: labelSchema("name", 80).optional(), password: z.string().min(10).max(200).optional() }))
    .mutation(async ({ ctx, input }) => {
      const invitation = await openInvitation(ctx, input.token);
      let user = await ctx.db.user.findUnique({ where: { email: invitation.email } });
      if (user) {
        const person = await userCaller(ctx);
        if (!person || person.userId !== user.id) {
          throw new TRPCError({ code: "UNAUTHORIZED", message: `sign in as ${invitation.email} to accept this invitation` });
        }
        // Joining on the strength of the session: only from our own pages, as every session write.
        checkCookieOrigin(ctx);
      } else {
        if (!input.name || !input.password) {
          throw new TRPCError({ code: "BAD_REQUEST", message: "choose your name and a password (10 characters or more)" });
        }
        const auth = await ctx.auth.$context;
        const created = await auth.internalAdapter.createUser(
          { email: invitation.email, name: input.name, emailVerified: true },
          { method: "email-password" },
        );
        await auth.internalAdapter.linkAccount({
          userId: created.id,
          providerId: "credential",
          accountId: created.id,
          password: await auth.password.hash(input.password),
        });
        user = await ctx.db.user.findUniqueOrThrow({ where: { id: created.id } });
      }
      // Accepting twice at once: the second finds the invitation taken and changes nothing.
      const { count } = await ctx.db.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null },
        data: { acceptedAt: new Date() },
      });
      if (count === 0) throw new TRPCError({ code: "CONFLICT", message: "this invitation was used already" });
      await ctx.db.member.upsert({
        where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: user.id } },
        update: { role: invitation.role, deactivatedAt: null },
        create: { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role },
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: invitation.workspaceId,
        actor: { type: "user", id: user.id, label: user.email },
        action: "member.join",
        target: { type: "invitation", id: invitation.id },
        details: { role: invitation.role },
      });
      return { email: user.email, workspaceId: invitation.workspaceId };
    }),
});
