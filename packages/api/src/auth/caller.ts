import { TRPCError } from "@trpc/server";
import type { ApiContext, RequestInfo } from "../context";
import type { AuditActor, AuditRequest } from "./audit";
import { hashApiKey, looksLikeApiKey } from "./api-keys";
import type { ApiKeyScope, Role } from "./roles";
import { touchActivity } from "@parley/db";

/** A signed-in person acting in one workspace (the one their session switched to). */
export interface UserCaller {
  kind: "user";
  userId: string;
  name: string;
  email: string;
  workspaceId: string;
  role: Role;
  sessionId: string;
}

export interface ApiKeyCaller {
  kind: "apiKey";
  keyId: string;
  name: string;
  workspaceId: string;
  scope: ApiKeyScope;
}

/** A customer holding the token of one conversation. */
export interface CustomerCaller {
  kind: "customer";
  conversationId: string;
  workspaceId: string;
}

export type Caller = UserCaller | ApiKeyCaller | CustomerCaller;

/** The header that carries a customer's conversation token (browsers' WebSockets use `?token=`). */
export const CONVERSATION_TOKEN_HEADER = "x-parley-conversation-token";

/** A session whose person has no active membership in any workspace. */
export interface UserWithoutWorkspace {
  kind: "userWithoutWorkspace";
  userId: string;
  name: string;
  email: string;
  sessionId: string;
}

const unauthorized = (message: string) => new TRPCError({ code: "UNAUTHORIZED", message });

/** How long a key's last-used time may lag: one write a minute per key, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The API key in `Authorization: Bearer pk_…`: null without one, 401 for an unknown or revoked
 * key (a bad credential is refused even when another one would have done).
 */
export async function apiKeyCaller(ctx: ApiContext): Promise<ApiKeyCaller | null> {
  if (ctx.caller) return ctx.caller.kind === "apiKey" ? ctx.caller : null;
  const header = ctx.request.headers.get("authorization");
  if (!header) return null;
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!key || !looksLikeApiKey(key)) throw unauthorized("the Authorization header must be Bearer <API key>");
  const row = await ctx.db.apiKey.findUnique({ where: { hash: hashApiKey(key) } });
  if (!row || row.revokedAt) throw unauthorized("this API key is not valid (revoked or unknown)");
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await ctx.db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { kind: "apiKey", keyId: row.id, name: row.name, workspaceId: row.workspaceId, scope: row.scope };
}

/** The customer token in its header: null without one, 401 for a forged or expired one. */
export async function customerCaller(ctx: ApiContext): Promise<CustomerCaller | null> {
  if (ctx.caller) return ctx.caller.kind === "customer" ? ctx.caller : null;
  const token = ctx.request.headers.get(CONVERSATION_TOKEN_HEADER);
  if (!token) return null;
  const claims = await ctx.tokens.verify(token);
  if (!claims) throw unauthorized("the conversation token is not valid or has expired; start a new conversation");
  return { kind: "customer", ...claims };
}

/**
 * The signed-in person from the session cookie, in the workspace the session switched to (their
 * oldest active membership until they switch). Null without a session.
 */
export async function userCaller(ctx: ApiContext): Promise<UserCaller | UserWithoutWorkspace | null> {
  if (ctx.caller) return ctx.caller.kind === "user" ? ctx.caller : null;
  if (!ctx.request.headers.get("cookie")) return null;
  const found = await ctx.auth.api.getSession({ headers: ctx.request.headers, query: { disableRefresh: ctx.request.method === "GET" } });
  if (!found) return null;
  const { user, session } = found;
  const memberships = await ctx.db.member.findMany({
    where: { userId: user.id, deactivatedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, workspaceId: true, role: true, lastActiveAt: true },
  });
  const active = memberships.find((m) => m.workspaceId === session.activeWorkspaceId) ?? memberships[0];
  const person = { userId: user.id, name: user.name, email: user.email, sessionId: session.id };
  if (!active) return { kind: "userWithoutWorkspace", ...person };
  // Auto-away reads this: a person whose session makes requests is at their desk. Only a hint:
  // when another writer holds the database (SQLite's lock), the request goes on without it
  // rather than failing a read that WAL mode lets through.
  await touchActivity(ctx.db, active).catch(() => undefined);
  return { kind: "user", ...person, workspaceId: active.workspaceId, role: active.role };
}

/** The caller as the audit log names it. */
export function auditActor(caller: Caller): AuditActor {
  switch (caller.kind) {
    case "user":
      return { type: "user", id: caller.userId, label: caller.email };
    case "apiKey":
      return { type: "api_key", id: caller.keyId, label: `API key "${caller.name}"` };
    case "customer":
      return { type: "customer", id: caller.conversationId, label: `customer of ${caller.conversationId}` };
  }
}

export function auditRequest(ctx: { request: RequestInfo }): AuditRequest {
  return { ip: ctx.request.ip, userAgent: ctx.request.headers.get("user-agent")?.slice(0, 300) ?? null };
}
