import { afterAll, beforeAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Role } from "@parley/api";
import { launchBrowser, type BrowserOptions } from "./browser";
import { SEEDED_EMAIL, startStack, type Stack, type StackOptions } from "./stack";

export interface E2eSession {
  /** The running product (API, worker, builder, Temporal, database); set once `beforeAll` ran. */
  readonly stack: Stack;
  /**
   * A new desktop-sized tab (its own browser context: cookies and storage of its own) that waits
   * up to 20 s for what it looks for, signed in as a seeded person (the owner by default; `null`:
   * nobody, as a customer or a newcomer).
   */
  newPage(options?: { as?: Role | null }): Promise<Page>;
}

/**
 * Starts the whole product and a browser for the test file (and stops both after it). Call at
 * the top level of a test file.
 */
export function e2eSession(options: { stack?: StackOptions; browser?: BrowserOptions } = {}): E2eSession {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(options.stack), launchBrowser(options.browser)]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  return {
    get stack() {
      if (!stack) throw new Error("the stack is not started yet: use it inside tests or hooks");
      return stack;
    },
    async newPage({ as = "owner" }: { as?: Role | null } = {}) {
      if (!browser || !stack) throw new Error("the browser is not started yet: use it inside tests or hooks");
      const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
      page.setDefaultTimeout(20_000);
      if (as) await addSessionCookie(page.context(), stack, await stack.signIn(SEEDED_EMAIL[as]));
      return page;
    },
  };
}

/** Types a message into the web chat and sends it, as a customer would. */
export async function sendChatMessage(page: Page, text: string): Promise<void> {
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
}

/**
 * Puts a session (a Cookie header from `stack.signIn`) into a browser context, as signing in on
 * the page would: the cookie belongs to the API's host, which the builder shares (another port).
 */
export async function addSessionCookie(context: BrowserContext, stack: Stack, cookieHeader: string): Promise<void> {
  const cookies = cookieHeader
    .split("; ")
    .filter(Boolean)
    .map((pair) => {
      const index = pair.indexOf("=");
      return { name: pair.slice(0, index), value: pair.slice(index + 1), url: stack.apiUrl, httpOnly: true, sameSite: "Lax" as const };
    });
  await context.addCookies(cookies);
}

/** Signs in through the sign-in page, as a person would, and waits to leave it. */
export async function signInOnPage(page: Page, builderUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${builderUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}
