import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_APP_ORIGIN } from "../../../test/support/api";
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from "../../../test/support/database";
import { passwordResetMailer } from "../src/mailer";
import { request, startAuthTestServer, trpcCall, type AuthTestServer } from "./support/auth-server";

/**
 * Password reset by link over real HTTP: asking for a link says nothing about who has an
 * account, the link reaches the person (through the injected mailer, and through real SMTP),
 * following it lands on the builder with the token, and setting the new password ends every
 * old session.
 */
let database: TestDatabase;
let api: AuthTestServer;
const sent: { to: { email: string; name: string }; url: string }[] = [];
const RESET_PAGE = `${TEST_APP_ORIGIN}/reset-password`;
const NEW_PASSWORD = "a-brand-new-password-2026";

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startAuthTestServer(database, {
    sendPasswordReset: async (to, url) => {
      sent.push({ to, url });
    },
  });
});

afterAll(async () => {
  await api?.close();
  await database?.close();
});

const signIn = (email: string, password: string) => request(`${api.baseUrl}/api/auth/sign-in/email`, { body: { email, password } });
const cookieOf = (answer: { headers: Headers }) => answer.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!).join("; ");
const requestReset = (email: string, headers: Record<string, string> = {}) =>
  request<{ status?: boolean; message?: string }>(`${api.baseUrl}/api/auth/request-password-reset`, { body: { email, redirectTo: RESET_PAGE }, headers });

describe("password reset", () => {
  it("answers the same for an unknown email, and sends nothing", async () => {
    const known = await requestReset("analyst@parley.dev");
    const unknown = await requestReset("nobody-here@parley.dev");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual(known.body);
    expect(sent.map((mail) => mail.to.email)).toEqual(["analyst@parley.dev"]);
  });

  it("refuses a reset link that would lead to another site (403), sending nothing", async () => {
    const before = sent.length;
    const answer = await request(`${api.baseUrl}/api/auth/request-password-reset`, { body: { email: "agent@parley.dev", redirectTo: "https://evil.example/steal" } });
    expect(answer.status).toBe(403);
    expect(sent.length).toBe(before);
  });

  it("sends a link that leads to the builder with the token; the new password works, the old one and old sessions do not", async () => {
    const email = "agent@parley.dev";
    const oldSession = await signIn(email, TEST_PASSWORD);
    expect(oldSession.status).toBe(200);
    const oldCookie = cookieOf(oldSession);
    expect((await trpcCall(api.baseUrl, "flows.list", { cookie: oldCookie })).status).toBe(200);

    sent.length = 0;
    expect((await requestReset(email)).status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toEqual({ email, name: "Sam Agent" });
    const link = new URL(sent[0]!.url);
    expect(link.origin).toBe(api.baseUrl);

    const followed = await fetch(link, { redirect: "manual" });
    expect(followed.status).toBe(302);
    const landing = new URL(followed.headers.get("location")!);
    expect(`${landing.origin}${landing.pathname}`).toBe(RESET_PAGE);
    const token = landing.searchParams.get("token");
    expect(token).toBeTruthy();

    // Too short a password is a 400 that leaves everything as it was.
    const tooShort = await request(`${api.baseUrl}/api/auth/reset-password`, { body: { newPassword: "short", token } });
    expect(tooShort.status).toBe(400);
    expect((await signIn(email, TEST_PASSWORD)).status).toBe(200);

    const reset = await request(`${api.baseUrl}/api/auth/reset-password`, { body: { newPassword: NEW_PASSWORD, token } });
    expect(reset.status).toBe(200);

    expect((await trpcCall(api.baseUrl, "flows.list", { cookie: oldCookie })).status).toBe(401);
    expect((await signIn(email, TEST_PASSWORD)).status).toBe(401);
    const fresh = await signIn(email, NEW_PASSWORD);
    expect(fresh.status).toBe(200);
    expect((await trpcCall(api.baseUrl, "flows.list", { cookie: cookieOf(fresh) })).status).toBe(200);

    const audited = await database.db.auditEvent.findFirst({ where: { action: "auth.password_reset", actorId: database.seed.agentId } });
    expect(audited).not.toBeNull();

    // The token is spent: a second use changes nothing.
    const again = await request(`${api.baseUrl}/api/auth/reset-password`, { body: { newPassword: "yet-another-password-1", token } });
    expect(again.status).toBe(400);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
  });

  it("refuses a made-up token (400) and a link with one redirects with an error", async () => {
    const forged = await request(`${api.baseUrl}/api/auth/reset-password`, { body: { newPassword: NEW_PASSWORD, token: "made-up-token" } });
    expect(forged.status).toBe(400);
    const followed = await fetch(`${api.baseUrl}/api/auth/reset-password/made-up-token?callbackURL=${encodeURIComponent(RESET_PAGE)}`, { redirect: "manual" });
    expect(followed.status).toBe(302);
    expect(new URL(followed.headers.get("location")!).searchParams.get("error")).toBe("INVALID_TOKEN");
  });
});

describe("the reset email over real SMTP", () => {
  it("delivers the link to a loopback SMTP server", async () => {
    const received: { from: string | undefined; to: string[]; message: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            message: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = smtp.server.address() as AddressInfo;
      const send = passwordResetMailer(`smtp://127.0.0.1:${port}`, "Parley <no-reply@parley.test>");
      const url = `${api.baseUrl}/api/auth/reset-password/some-token?callbackURL=${encodeURIComponent(RESET_PAGE)}`;
      await send({ email: "supervisor@parley.dev", name: "Sue Supervisor" }, url);
      expect(received).toHaveLength(1);
      const mail = received[0]!;
      expect(mail.from).toBe("no-reply@parley.test");
      expect(mail.to).toEqual(["supervisor@parley.dev"]);
      expect(mail.message).toMatch(/^Subject: Reset your Parley password/m);
      // Quoted-printable may fold long lines: unfold before looking for the link.
      expect(mail.message.replace(/=\r?\n/g, "").replace(/=3D/g, "=")).toContain(url);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
