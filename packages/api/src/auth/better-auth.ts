import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins";
import type { Db } from "@parley/db";
import { recordAudit, type AuditRequest } from "./audit";

/** Single sign-on through any OpenID Connect provider (its discovery document gives the rest). */
export interface OidcOptions {
  /** `https://issuer/.well-known/openid-configuration` */
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button. */
  name: string;
}

export interface AuthOptions {
  db: Db;
  databaseKind: "sqlite" | "postgres";
  /** Signs session cookies and reset tokens: at least 32 random bytes, secret. */
  secret: string;
  /** Where the API is reached (`http://localhost:4000`); auth routes live under /api/auth. */
  baseURL: string;
  /** Browser origins allowed to use the session (the builder); others get 403 on every write. */
  trustedOrigins: string[];
  /** Sign-in attempts (right or wrong) per client address and minute before the API answers 429; reset requests likewise. */
  signInAttemptsPerMinute: number;
  /** Session lifetime; a session used within a day of expiry is extended. */
  sessionDays: number;
  /** Secure cookies (HTTPS deployments). */
  secureCookies: boolean;
  sendPasswordReset: (to: { email: string; name: string }, url: string) => Promise<void>;
  oidc?: OidcOptions;
  /** A person signed out and went offline in these workspaces (routing hands their offers on). */
  onWentOffline?: (userId: string, workspaceIds: string[]) => void;
}

export const OIDC_PROVIDER_ID = "oidc";

/**
 * The auth library's routes Parley does not use: off (404), so the only ways to change a person,
 * a session or an account are the ones the API's policies govern (profile and workspace switch
 * are tRPC procedures; people join by invitation).
 */
export const DISABLED_AUTH_PATHS = [
  // (Single sign-on is served by /sign-in/social with provider "oidc" and /callback/oidc: kept.)
  "/sign-up/email",
  "/update-user",
  "/update-session",
  "/delete-user",
  "/delete-user/callback",
  "/change-email",
  "/verify-email",
  "/send-verification-email",
  "/link-social",
  "/unlink-account",
  "/list-accounts",
  "/account-info",
  "/get-access-token",
  "/refresh-token",
  "/verify-password",
  "/oauth2/link",
];

/**
 * Sign-in for people, by Better Auth: password hashing (scrypt), sessions in HTTP-only SameSite
 * cookies, the origin check against cross-site writes, password reset by link, OIDC single
 * sign-on and a sign-in rate limit shared by all API processes (stored in the database). Nobody
 * signs up: people arrive by invitation (members router) or the seed.
 */
export function createAuth(options: AuthOptions) {
  const { db } = options;
  return betterAuth({
    appName: "Parley",
    baseURL: options.baseURL,
    basePath: "/api/auth",
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    database: prismaAdapter(db, { provider: options.databaseKind === "postgres" ? "postgresql" : "sqlite" }),
    telemetry: { enabled: false },
    disabledPaths: DISABLED_AUTH_PATHS,
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 200,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        await options.sendPasswordReset({ email: user.email, name: user.name }, url);
      },
      onPasswordReset: async ({ user }, request) => {
        await recordAudit(db, auditRequestOf(request), {
          actor: { type: "user", id: user.id, label: user.email },
          action: "auth.password_reset",
          target: { type: "user", id: user.id },
        });
      },
    },
    session: {
      expiresIn: options.sessionDays * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
      additionalFields: { activeWorkspaceId: { type: "string", required: false, input: false } },
    },
    account: { accountLinking: { enabled: true, trustedProviders: [OIDC_PROVIDER_ID] } },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: options.signInAttemptsPerMinute },
        // Better Auth 1.7 serves generic OAuth providers through the social sign-in routes.
        "/sign-in/social": { window: 60, max: options.signInAttemptsPerMinute },
        "/request-password-reset": { window: 60, max: options.signInAttemptsPerMinute },
        "/reset-password": { window: 60, max: options.signInAttemptsPerMinute },
      },
    },
    advanced: {
      cookiePrefix: "parley",
      useSecureCookies: options.secureCookies,
      // Better Auth turns its origin and CSRF checks off when it detects a test runner; said
      // explicitly, they stay on everywhere, so tests prove what production does.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // The API server sets x-forwarded-for only when it trusts its proxy (client-address.ts).
      ipAddress: { ipAddressHeaders: ["x-parley-client-ip"] },
    },
    plugins: options.oidc
      ? [
          genericOAuth({
            config: [
              {
                providerId: OIDC_PROVIDER_ID,
                name: options.oidc.name,
                discoveryUrl: options.oidc.discoveryUrl,
                clientId: options.oidc.clientId,
                clientSecret: options.oidc.clientSecret,
                scopes: ["openid", "email", "profile"],
                pkce: true,
              },
            ],
          }),
        ]
      : [],
    hooks: {
      /**
       * Sign-out, before the session goes (the sign-out route does not load it for the hooks that
       * run after): the person is offline in every workspace, so routing offers them nothing,
       * and the log says who left.
       */
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-out") return;
        const found = await getSessionFromCtx(ctx, { disableRefresh: true });
        if (!found) return;
        const present = await db.member.findMany({ where: { userId: found.user.id, presence: { not: "offline" } }, select: { workspaceId: true } });
        await db.member.updateMany({
          where: { userId: found.user.id, presence: { not: "offline" } },
          data: { presence: "offline", presenceAt: new Date() },
        });
        options.onWentOffline?.(found.user.id, present.map((member) => member.workspaceId));
        await recordAudit(db, auditRequestOf(ctx.request, ctx.headers), {
          actor: { type: "user", id: found.user.id, label: found.user.email },
          action: "auth.sign_out",
        });
      }),
      // Sign-ins and their failures go to the audit log, whichever way they came.
      after: createAuthMiddleware(async (ctx) => {
        const signIn = ctx.path === "/sign-in/email" || ctx.path.startsWith("/callback/");
        if (!signIn) return;
        const request = auditRequestOf(ctx.request, ctx.headers);
        const session = ctx.context.newSession;
        if (session) {
          await recordAudit(db, request, {
            actor: { type: "user", id: session.user.id, label: session.user.email },
            action: "auth.sign_in",
            details: { method: ctx.path === "/sign-in/email" ? "password" : "oidc" },
          });
        } else {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email.slice(0, 200) : "unknown";
          await recordAudit(db, request, {
            actor: { type: "anonymous", label: email },
            action: "auth.sign_in_failed",
            details: { method: ctx.path === "/sign-in/email" ? "password" : "oidc" },
          });
        }
      }),
    },
  });
}

export type ParleyAuth = ReturnType<typeof createAuth>;

function auditRequestOf(request?: Request, headers?: Headers): AuditRequest {
  const source = headers ?? request?.headers;
  return {
    ip: source?.get("x-parley-client-ip") ?? null,
    userAgent: source?.get("user-agent")?.slice(0, 300) ?? null,
  };
}
