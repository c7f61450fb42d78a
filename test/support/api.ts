import type { Client } from "@temporalio/client";
import { createTRPCClient, httpLink, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createApiServices, type ApiContext, type ApiServices, type ApiServicesOptions, type AppRouter, type Caller, type Role } from "@parley/api";
import type { Embedder } from "@parley/activities";
import type { TestDatabase } from "./database";
import { TEST_PASSWORD } from "./database";

/** The builder's origin in tests: the one page allowed to use a session cookie. */
export const TEST_APP_ORIGIN = "http://localhost:3000";
export const TEST_AUTH_SECRET = "parley-test-secret-parley-test-secret-0123456789";

/** The API's shared services over a test database, as apps/api/src/main.ts builds them. */
export function testServices(
  database: Pick<TestDatabase, "db" | "url">,
  temporal: Client,
  taskQueue: string,
  extra: { publicUrl?: string; signInAttemptsPerMinute?: number; knowledgeEmbedder?: Embedder } & Pick<ApiServicesOptions, "sendPasswordReset" | "oidc" | "livePollMs" | "secretsKey" | "conversationDeadlineMs"> = {},
): ApiServices {
  return createApiServices({
    db: database.db,
    databaseUrl: database.url,
    temporal,
    taskQueue,
    secret: TEST_AUTH_SECRET,
    publicUrl: extra.publicUrl ?? "http://localhost:4000",
    appOrigins: [TEST_APP_ORIGIN],
    signInAttemptsPerMinute: extra.signInAttemptsPerMinute ?? 1000,
    ...(extra.knowledgeEmbedder ? { knowledgeEmbedder: extra.knowledgeEmbedder } : {}),
    ...(extra.sendPasswordReset ? { sendPasswordReset: extra.sendPasswordReset } : {}),
    ...(extra.oidc ? { oidc: extra.oidc } : {}),
    ...(extra.livePollMs ? { livePollMs: extra.livePollMs } : {}),
    ...(extra.secretsKey ? { secretsKey: extra.secretsKey } : {}),
    ...(extra.conversationDeadlineMs ? { conversationDeadlineMs: extra.conversationDeadlineMs } : {}),
  });
}

/** The seeded people's emails (test/support/database.ts); all sign in with TEST_PASSWORD. */
export const SEEDED_ROLE_EMAIL = {
  owner: "admin@parley.dev",
  admin: "admin@parley.dev",
  supervisor: "supervisor@parley.dev",
  agent: "agent@parley.dev",
  analyst: "analyst@parley.dev",
} as const satisfies Record<Role, string>;

/**
 * A context for `createCaller` as a seeded person of the demo workspace (already identified, as
 * the voice gateway's contexts are). The owner may do everything, customers' sends included.
 */
export function asPerson(services: ApiServices, database: TestDatabase, role: Role = "owner"): ApiContext {
  const ids = { owner: database.seed.adminId, admin: database.seed.adminId, supervisor: database.seed.supervisorId, agent: database.seed.agentId, analyst: database.seed.analystId };
  const caller: Caller = {
    kind: "user",
    userId: ids[role],
    name: role,
    email: SEEDED_ROLE_EMAIL[role],
    workspaceId: database.seed.workspaceId,
    role: role === "admin" ? "owner" : role,
    sessionId: "test-session",
  };
  return { ...services, request: { headers: new Headers(), method: "POST", ip: "127.0.0.1" }, caller };
}

/** Signs in over HTTP as a seeded person; the answer is the Cookie header to send. */
export async function signIn(baseUrl: string, email: string = SEEDED_ROLE_EMAIL.owner, password: string = TEST_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_APP_ORIGIN },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  return cookieHeader(response);
}

/** The Cookie header a browser would send back after this response. */
export function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");
}

/**
 * A tRPC client over HTTP, signed in with `cookie` (when given) as the builder would be, which
 * also keeps every conversation token a start hands out and sends it back with that
 * conversation's calls, as the web chat does.
 */
export function testClient(baseUrl: string, options: { cookie?: string; apiKey?: string } = {}) {
  const tokens = new Map<string, string>();
  const keepTokens: TRPCLink<AppRouter> = () => ({ op, next }) =>
    observable((observer) =>
      next(op).subscribe({
        next(value) {
          const data = value.result.type === "data" ? (value.result.data as { conversationId?: unknown; token?: unknown } | undefined) : undefined;
          if (data && typeof data.conversationId === "string" && typeof data.token === "string") tokens.set(data.conversationId, data.token);
          observer.next(value);
        },
        error: (err) => observer.error(err),
        complete: () => observer.complete(),
      }),
    );
  return createTRPCClient<AppRouter>({
    links: [
      keepTokens,
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: ({ op }) => {
          const headers: Record<string, string> = { origin: TEST_APP_ORIGIN };
          if (options.cookie) headers.cookie = options.cookie;
          if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
          const input = op.input as { conversationId?: unknown } | undefined;
          const token = typeof input?.conversationId === "string" ? tokens.get(input.conversationId) : undefined;
          if (token) headers["x-parley-conversation-token"] = token;
          return headers;
        },
      }),
    ],
  });
}
