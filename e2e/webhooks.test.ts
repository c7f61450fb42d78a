// Settings → Webhooks in the built builder: an admin adds an endpoint (a loopback receiver that
// verifies every signature with the secret the page showed once), sends a test event that the
// endpoint refuses once and takes on the retry, sees both attempts in the delivery log, and
// redelivers it with the same event id.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "@parley/activities";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

// The receiver is on loopback: the worker may reach it, as PARLEY_HTTP_ALLOWED_NETWORKS would allow.
const e2e = e2eSession({ stack: { activityDeps: { httpAllowedNetworks: ["127.0.0.1/32"] } } });

let receiver: Server;
let receiverUrl: string;
let secret = "";
const received: { headers: IncomingHttpHeaders; verified: boolean; status: number }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      let verified = true;
      try {
        verifyWebhookSignature({ body, signature: req.headers["parley-signature"] as string | undefined, secret });
      } catch {
        verified = false;
      }
      // The first delivery finds the endpoint busy; it asks for a retry in a second.
      const status = !verified ? 400 : received.length === 0 ? 503 : 200;
      received.push({ headers: req.headers, verified, status });
      res.writeHead(status, status === 503 ? { "retry-after": "1" } : {}).end(status === 200 ? "ok" : "busy");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/parley/webhooks`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
});

/** Desktop (1440) and phone (390) widths, `focus` scrolled into view at each. */
async function screenshotBoth(page: Page, name: string, focus?: Locator): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe("Settings → Webhooks", () => {
  it("adds an endpoint, shows its secret once, delivers a test event through a retry and redelivers it", async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows`);
    await page.getByTestId("nav-webhooks").click();
    await page.getByTestId("webhooks-empty").waitFor();
    await page.getByTestId("webhook-url").fill(receiverUrl);
    await page.getByTestId("webhook-event-message.created").check();
    await page.getByTestId("webhook-event-conversation.resolved").uncheck();
    await screenshotBoth(page, "webhooks-1-form");
    await page.getByTestId("webhook-submit").click();
    secret = await page.getByTestId("webhook-created").getByTestId("secret-value").inputValue();
    expect(secret).toMatch(/^whsec_/);
    const card = page.getByTestId(`webhook-${receiverUrl}`);
    await card.waitFor();
    await screenshotBoth(page, "webhooks-2-created");
    const stored = await e2e.stack.database.db.webhookSubscription.findFirstOrThrow({ where: { url: receiverUrl } });
    expect(stored.eventTypes).toEqual(["conversation.created", "message.created"]);

    await card.getByTestId("webhook-test").click();
    const log = card.getByTestId("webhook-log");
    // 503 first, then delivered on the retry (the log follows new attempts by itself).
    await log.getByText("Delivered").waitFor();
    await expect(log.getByTestId("webhook-attempt").count()).resolves.toBe(2);
    await expect(log.getByTestId("webhook-attempt").nth(1).textContent()).resolves.toContain("HTTP 503");
    await screenshotBoth(page, "webhooks-3-log", log);

    await log.getByTestId("webhook-redeliver").first().click();
    await log.getByTestId("webhook-attempt").nth(2).waitFor();
    expect(received.map((request) => request.status)).toEqual([503, 200, 200]);
    expect(received.every((request) => request.verified)).toBe(true);
    expect(new Set(received.map((request) => request.headers["parley-webhook-id"])).size).toBe(1);
    await screenshotBoth(page, "webhooks-4-redelivered", log);
  });
});
