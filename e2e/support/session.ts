import { afterAll, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, type BrowserOptions } from "./browser";
import { startStack, type Stack, type StackOptions } from "./stack";

export interface E2eSession {
  /** The running product (API, worker, builder, Temporal, database); set once `beforeAll` ran. */
  readonly stack: Stack;
  /** A new desktop-sized tab that waits up to 20 s for what it looks for. */
  newPage(): Promise<Page>;
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
    async newPage() {
      if (!browser) throw new Error("the browser is not started yet: use it inside tests or hooks");
      const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
      page.setDefaultTimeout(20_000);
      return page;
    },
  };
}

/** Types a message into the web chat and sends it, as a customer would. */
export async function sendChatMessage(page: Page, text: string): Promise<void> {
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
}
