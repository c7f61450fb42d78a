// Identity and trust in the browser: signing in, inviting a teammate who joins by link and works
// the inbox under their own name with their role's controls only, signing out, and the customer's
// web chat keeping its conversation across a reload with its token.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../test/support/database";
import { screenshot } from "./support/browser";
import { e2eSession, sendChatMessage, signInOnPage } from "./support/session";
import { SEEDED_EMAIL } from "./support/stack";

const e2e = e2eSession();
const NEW_AGENT = { email: "nia.newagent@parley.dev", name: "Nia Newagent", password: "nia-chooses-a-long-password" };
let supportFlowId: string;

beforeAll(async () => {
  // Seeded: greeting → topic → handoff to a person (any first message hands off).
  const flow = await e2e.stack.database.db.flow.findFirst({ where: { name: "Support with a human" } });
  if (!flow) throw new Error('the demo seed has no "Support with a human" flow');
  supportFlowId = flow.id;
});

/** The page at desktop (1280×800) and phone (390×844) widths, for people to look at. */
async function screenshotBoth(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("identity and trust in the builder", () => {
  let invitationLink: string;

  it("sends a signed-out visitor to sign in, refuses a wrong password, and lets the owner in", async () => {
    const page = await e2e.newPage({ as: null });
    await page.goto(`${e2e.stack.builderUrl}/inbox`);
    await page.waitForURL((url) => url.pathname === "/sign-in" && url.searchParams.get("next") === "/inbox");
    await page.getByTestId("sign-in").waitFor();
    await screenshotBoth(page, "identity-1-sign-in");

    await page.getByLabel("Email").fill(SEEDED_EMAIL.owner);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("auth-error").textContent()).resolves.toContain("do not match");
    await screenshotBoth(page, "identity-2-sign-in-refused");

    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // Back where the visitor was going.
    await page.waitForURL((url) => url.pathname === "/inbox");
    await expect(page.getByTestId("user-role").textContent()).resolves.toBe("Owner");
    await page.close();
  });

  it("the owner invites an agent, creates an API key and reads both in the audit log", async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows`);
    await page.getByTestId("nav-users").click();
    await page.getByTestId("members").waitFor();
    await page.getByLabel("Email").fill(NEW_AGENT.email);
    await page.getByLabel("Role", { exact: true }).selectOption("agent");
    await page.getByRole("button", { name: "Create invitation" }).click();
    const link = page.getByTestId("invitation-link").getByTestId("secret-value");
    invitationLink = await link.inputValue();
    expect(invitationLink).toMatch(new RegExp(`^${e2e.stack.builderUrl}/invite/[A-Za-z0-9_-]{20,64}$`));
    await page.getByTestId(`invitation-${NEW_AGENT.email}`).waitFor();
    await screenshotBoth(page, "identity-3-users-and-invitations");

    await page.getByTestId("nav-api-keys").click();
    await page.getByTestId("api-keys-empty").waitFor();
    await page.getByLabel("Name").fill("CRM sync");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = await page.getByTestId("api-key-created").getByTestId("secret-value").inputValue();
    expect(key).toMatch(/^pk_/);
    await page.getByTestId("api-key-CRM sync").waitFor();
    await screenshotBoth(page, "identity-4-api-keys");

    await page.getByTestId("nav-audit").click();
    const events = page.getByTestId("audit-events");
    await events.locator('[data-action="member.invite"]').waitFor();
    await events.locator('[data-action="api_key.create"]').waitFor();
    await screenshotBoth(page, "identity-5-audit-log");
    // Filtered to one kind of action.
    await page.getByLabel("Action").fill("api_key.");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => events.getByTestId("audit-event").count()).toBe(1);
    await page.close();
  });

  it("the invitee joins by the link in a fresh browser, and works as an agent", async () => {
    const page = await e2e.newPage({ as: null });
    await page.goto(invitationLink);
    await page.getByTestId("new-account-form").waitFor();
    await expect(page.getByTestId("invitation-email").textContent()).resolves.toBe(NEW_AGENT.email);
    await expect(page.getByTestId("invitation-role").textContent()).resolves.toBe("Agent");
    await screenshotBoth(page, "identity-6-invitation-accept");

    await page.getByLabel("Your name").fill(NEW_AGENT.name);
    await page.getByLabel("Choose a password").fill(NEW_AGENT.password);
    await page.getByLabel("Repeat it").fill(NEW_AGENT.password);
    await page.getByRole("button", { name: "Create account and join" }).click();
    await page.waitForURL((url) => url.pathname === "/flows");
    await expect(page.getByTestId("user-name").textContent()).resolves.toBe(NEW_AGENT.name);
    await expect(page.getByTestId("user-role").textContent()).resolves.toBe("Agent");
    // An agent manages nothing: no settings in the sidebar, no new flow.
    await expect(page.getByTestId("nav-users").count()).resolves.toBe(0);
    await expect(page.getByTestId("new-flow").count()).resolves.toBe(0);
    // The link worked once.
    const again = await e2e.newPage({ as: null });
    await again.goto(invitationLink);
    await again.getByText("This invitation does not work").waitFor();
    await again.close();

    // The flow editor shows the flow without save or publish.
    await page.goto(`${e2e.stack.builderUrl}/flows/${supportFlowId}`);
    await page.getByTestId("view-only").waitFor();
    await expect(page.getByTestId("publish").count()).resolves.toBe(0);
    await expect(page.getByTestId("save-draft").count()).resolves.toBe(0);

    // A customer (signed out) writes; the flow hands them to a person.
    const chat = await e2e.newPage({ as: null });
    await chat.goto(`${e2e.stack.builderUrl}/chat/${supportFlowId}`);
    await chat.getByTestId("chat-welcome").waitFor();
    await sendChatMessage(chat, "Billing question");
    await chat.getByTestId("chat-handoff-banner").waitFor();
    const { db } = e2e.stack.database;
    const { id, team, workspaceId } = await db.conversation.findFirstOrThrow({
      where: { flowVersion: { flowId: supportFlowId }, status: "handoff" },
      orderBy: { createdAt: "desc" },
    });
    // An admin puts the new agent in the team (Settings → Teams): agents take their teams' conversations.
    const member = await db.member.findFirstOrThrow({ where: { workspaceId, user: { email: NEW_AGENT.email } } });
    const queue = await db.team.findFirstOrThrow({ where: { workspaceId, name: team! } });
    await db.teamMember.create({ data: { teamId: queue.id, memberId: member.id } });

    // The agent takes it from the queue and replies under their name.
    await page.goto(`${e2e.stack.builderUrl}/inbox`);
    await page.getByTestId("filter-handoff").click();
    await page.getByTestId(`conversation-${id}`).click();
    await page.getByRole("button", { name: "Assign to me" }).click();
    await page.getByTestId("detail-assignee").getByText(NEW_AGENT.name).waitFor();
    // An agent assigns only themselves: no picker of other people.
    await expect(page.getByTestId("assignee-select").count()).resolves.toBe(0);
    await page.getByRole("textbox", { name: "Reply" }).fill("Hi, Nia here. Let me look at that charge.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.locator('[data-testid^="message-"][data-author="agent"]').getByText("Hi, Nia here. Let me look at that charge.").waitFor();

    const agentInChat = chat.getByTestId("chat-message-agent");
    await agentInChat.getByText("Hi, Nia here. Let me look at that charge.").waitFor();
    await expect(agentInChat.getByTestId("chat-agent-name").first().textContent()).resolves.toBe(NEW_AGENT.name);
    await chat.close();

    // Signing out ends the session: the next page asks to sign in again.
    await page.getByTestId("sign-out").click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await page.goto(`${e2e.stack.builderUrl}/inbox`);
    await page.waitForURL((url) => url.pathname === "/sign-in");
    // And the new password works on the sign-in page.
    await signInOnPage(page, e2e.stack.builderUrl, NEW_AGENT.email, NEW_AGENT.password);
    await expect(page.getByTestId("user-name").textContent()).resolves.toBe(NEW_AGENT.name);
    await page.close();
  });

  it("an analyst resets a forgotten password by the emailed link, and sees only what the role allows", async () => {
    const page = await e2e.newPage({ as: null });
    await page.goto(`${e2e.stack.builderUrl}/sign-in`);
    await page.getByRole("button", { name: "Forgot password?" }).click();
    await page.getByLabel("Email").fill(SEEDED_EMAIL.analyst);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByTestId("auth-notice").waitFor();
    const mail = e2e.stack.mails.findLast((sent) => sent.to === SEEDED_EMAIL.analyst);
    expect(mail?.url).toBeDefined();

    // The link goes through the API, which sends the browser to the builder's reset page.
    await page.goto(mail!.url);
    await page.waitForURL((url) => url.pathname === "/reset-password" && url.searchParams.has("token"));
    const password = "analyst-picks-a-new-password";
    await page.getByLabel("New password", { exact: true }).fill(password);
    await page.getByLabel("Repeat it").fill(password);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByTestId("auth-notice").waitFor();
    // The link worked once.
    await page.goto(mail!.url);
    await page.getByText("This reset link does not work").waitFor();

    await signInOnPage(page, e2e.stack.builderUrl, SEEDED_EMAIL.analyst, password);
    await expect(page.getByTestId("user-role").textContent()).resolves.toBe("Analyst");
    // Analysts read flows and knowledge; no inbox, no settings, no editing.
    await expect(page.getByTestId("nav-flows").count()).resolves.toBe(1);
    await expect(page.getByTestId("nav-inbox").count()).resolves.toBe(0);
    await expect(page.getByTestId("nav-audit").count()).resolves.toBe(0);
    await page.goto(`${e2e.stack.builderUrl}/settings/users`);
    await page.getByTestId("not-allowed").waitFor();
    // Their own profile is theirs to change.
    await page.getByTestId("profile-link").click();
    await page.getByTestId("profile-name-form").waitFor();
    await screenshotBoth(page, "identity-8-profile");
    await page.getByLabel("Name", { exact: true }).fill("Ana L. Analyst");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect.poll(() => page.getByTestId("user-name").textContent()).toBe("Ana L. Analyst");
    // Signed in already: the sign-in page moves on.
    await page.goto(`${e2e.stack.builderUrl}/sign-in`);
    await page.waitForURL((url) => url.pathname === "/flows");
    await page.close();
  });

  it("the web chat resumes its conversation after a reload, and starts none by merely opening", async () => {
    const chat = await e2e.newPage({ as: null });
    const before = await e2e.stack.database.db.conversation.count();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${e2e.stack.database.seed.flowId}`);
    await chat.getByTestId("chat-welcome").waitFor();
    await expect(e2e.stack.database.db.conversation.count()).resolves.toBe(before);

    const log = chat.getByRole("log");
    await sendChatMessage(chat, "Grace Hopper");
    await log.getByText("Thanks Grace Hopper. What can I help you with today?").waitFor();
    const stored = () => chat.evaluate((flowId) => JSON.parse(localStorage.getItem(`parley.chat.${flowId}`) ?? "null") as { conversationId: string } | null, e2e.stack.database.seed.flowId);
    const first = await stored();
    expect(first?.conversationId).toBeDefined();
    const transcript = await log.locator('[data-testid^="chat-message-"]').allTextContents();

    await chat.reload();
    await log.getByText("Thanks Grace Hopper. What can I help you with today?").waitFor();
    await expect(log.locator('[data-testid^="chat-message-"]').allTextContents()).resolves.toEqual(transcript);
    await expect(stored()).resolves.toMatchObject({ conversationId: first!.conversationId });
    await expect(e2e.stack.database.db.conversation.count()).resolves.toBe(before + 1);
    await screenshot(chat, "identity-7-web-chat-resumed");

    // The conversation goes on where it was.
    await sendChatMessage(chat, "My invoice shows the wrong address");
    await chat.getByTestId("chat-ended").waitFor();
    const messages = await e2e.stack.database.db.message.findMany({ where: { conversationId: first!.conversationId, author: "contact" }, orderBy: { seq: "asc" } });
    expect(messages.map((message) => message.text)).toEqual(["Grace Hopper", "My invoice shows the wrong address"]);

    // "New conversation" forgets it; the next one starts only when the customer writes again.
    await chat.getByTestId("start-over").click();
    await chat.getByTestId("chat-welcome").waitFor();
    await expect(stored()).resolves.toBeNull();
    await chat.close();
  });
});
