import { TRPCError } from "@trpc/server";
import type { ApiContext } from "./context";
import { procedure } from "./trpc";
import {
  apiKeyCaller,
  auditActor,
  customerCaller,
  userCaller,
  type ApiKeyCaller,
  type Caller,
  type CustomerCaller,
  type UserCaller,
  type UserWithoutWorkspace,
} from "./auth/caller";
import { roleAllows, scopeAllows, type Permission } from "./auth/roles";

/**
 * The one authorization point. Every procedure is built from one of these builders, which
 * declares its policy in the procedure's meta (the authorization matrix test walks the router
 * and fails on a procedure without one) and checks it in middleware before the procedure runs.
 * The workspace a procedure acts in always comes from the credential: a session's active
 * membership, an API key's workspace, a conversation token's claim.
 */
export type Policy =
  | { kind: "anyone" }
  | { kind: "signedIn" }
  | { kind: "staff"; permission: Permission }
  /** A signed-in person (never a key) allowed the permission: actions that carry a name. */
  | { kind: "person"; permission: Permission }
  | { kind: "customer"; orStaff?: Permission };

const unauthorized = () => new TRPCError({ code: "UNAUTHORIZED", message: "sign in, or send an API key or conversation token" });
const forbidden = (message: string) => new TRPCError({ code: "FORBIDDEN", message });

/**
 * A write made with a session cookie must come from a page of ours: browsers always send
 * `Origin` with a POST, so one naming another site is a cross-site request forgery. (The cookie
 * is SameSite=Lax as well; this is the second lock.)
 */
export function checkCookieOrigin(ctx: ApiContext) {
  if (ctx.caller || ctx.request.method === "GET") return;
  const origin = ctx.request.headers.get("origin");
  const site = ctx.request.headers.get("sec-fetch-site");
  if ((origin && !ctx.trustedOrigins.includes(origin)) || site === "cross-site") {
    throw forbidden("this request comes from a page that may not use your session");
  }
}

/** The staff caller (person or key) allowed `permission`; 401 without credentials, 403 without the right. */
async function staffCaller(ctx: ApiContext, permission: Permission): Promise<UserCaller | ApiKeyCaller> {
  const key = await apiKeyCaller(ctx);
  if (key) {
    if (!scopeAllows(key.scope, permission)) throw forbidden(`this API key's "${key.scope}" scope does not allow ${permission}`);
    return key;
  }
  const user = await userCaller(ctx);
  if (!user) throw unauthorized();
  checkCookieOrigin(ctx);
  if (user.kind === "userWithoutWorkspace") throw forbidden("you are not an active member of any workspace");
  if (!roleAllows(user.role, permission)) throw forbidden(`your role (${user.role}) does not allow ${permission}`);
  return user;
}

/** The conversation a customer procedure's input names (read before the input is parsed). */
async function conversationIdOf(getRawInput: () => Promise<unknown>): Promise<string | undefined> {
  const raw = await getRawInput();
  if (raw && typeof raw === "object" && "conversationId" in raw && typeof raw.conversationId === "string") {
    return raw.conversationId;
  }
  return undefined;
}

async function customerOrStaff(
  ctx: ApiContext,
  getRawInput: () => Promise<unknown>,
  orStaff: Permission | undefined,
): Promise<CustomerCaller | UserCaller | ApiKeyCaller> {
  const customer = await customerCaller(ctx);
  if (customer) {
    if (customer.conversationId !== (await conversationIdOf(getRawInput))) {
      throw forbidden("this conversation token is for another conversation");
    }
    return customer;
  }
  if (!orStaff) {
    if (await apiKeyCaller(ctx)) throw forbidden("only the conversation's customer may do this");
    throw new TRPCError({ code: "UNAUTHORIZED", message: "send the conversation token you got when the conversation started" });
  }
  return staffCaller(ctx, orStaff);
}

function withCaller<C extends Caller>(caller: C) {
  return { caller, workspaceId: caller.workspaceId, actor: auditActor(caller) };
}

/** Anyone at all: sign-in status, opening a conversation on a published flow (its id is the public entry). */
export const anyoneProcedure = procedure.meta({ policy: { kind: "anyone" } });

/** Any signed-in person, with or without a workspace: who am I, my workspaces, switching. */
export const signedInProcedure = procedure.meta({ policy: { kind: "signedIn" } }).use(async ({ ctx, next }) => {
  const user = await userCaller(ctx);
  if (!user) throw unauthorized();
  checkCookieOrigin(ctx);
  return next({ ctx: { person: user } as { person: UserCaller | UserWithoutWorkspace } });
});

/** A member (or API key) allowed `permission` in the workspace of the credential. */
export function staffProcedure(permission: Permission) {
  return procedure.meta({ policy: { kind: "staff", permission } }).use(async ({ ctx, next }) => {
    return next({ ctx: withCaller(await staffCaller(ctx, permission)) });
  });
}

/**
 * The customer of the conversation named by the input's `conversationId` (their token), or,
 * with `orStaff`, a member or key allowed that permission.
 */
export function customerProcedure(options: { orStaff?: Permission } = {}) {
  return procedure
    .meta({ policy: { kind: "customer", ...(options.orStaff ? { orStaff: options.orStaff } : {}) } })
    .use(async ({ ctx, getRawInput, next }) => {
      return next({ ctx: withCaller(await customerOrStaff(ctx, getRawInput, options.orStaff)) });
    });
}

/** A person signed in (not a key): actions that carry a person's name, like replying. */
export function personProcedure(permission: Permission) {
  return procedure.meta({ policy: { kind: "person", permission } }).use(async ({ ctx, next }) => {
    const caller = await staffCaller(ctx, permission);
    if (caller.kind !== "user") throw forbidden("an API key cannot do this: sign in as a person");
    return next({ ctx: withCaller(caller) });
  });
}
