// Settings → Health, as the owner, on the whole product (real Temporal dev server, worker, API,
// database): every part reads Up, the worker polling the conversation task queue is listed, a
// conversation waiting for Billing shows in the queues; the e2e stack runs no voice gateway, so
// Voice reads "Not here". An agent does not get the page. At desktop and phone widths.
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();

beforeAll(async () => {
  const { db, seed } = e2e.stack.database;
  const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: "Waiting" } });
  await db.conversation.create({
    data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: "wf-health-e2e", status: "handoff", team: "Billing" },
  });
});

describe("the health page", () => {
  it("shows each part up, the workers and the queues, at desktop and phone widths", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/settings/health`);
    const state = (part: string) => page.getByTestId(`health-${part}-state`).textContent();
    await page.getByTestId("health-api-state").waitFor();
    expect(await state("api")).toBe("Up");
    expect(await state("database")).toBe("Up");
    expect(await state("temporal")).toBe("Up");
    expect(await state("voice")).toBe("Not here");
    // The worker is listed once Temporal has seen it poll (the page checks again on demand).
    await expect
      .poll(async () => {
        await page.getByTestId("health-refresh").click();
        return state("workers");
      }, { timeout: 20_000 })
      .toBe("Up");
    expect(await page.getByTestId("health-worker-list").textContent()).toMatch(/workflow \+ activity tasks|activity \+ workflow tasks/);
    expect(await page.getByTestId("health-queue-list").textContent()).toBe("Billing1 conversation waiting");
    expect(await state("queues")).toBe("1 waiting");
    await page.getByRole("link", { name: "Health" }).waitFor();
    await screenshot(page, "health-0-1440");

    const phone = await e2e.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${e2e.stack.builderUrl}/settings/health`);
    await phone.getByTestId("health-queues").waitFor();
    expect((await phone.getByTestId("health-temporal").boundingBox())!.width).toBeLessThanOrEqual(390);
    await screenshot(phone, "health-1-390");

    const agent = await e2e.newPage({ as: "agent" });
    await agent.goto(`${e2e.stack.builderUrl}/settings/health`);
    await agent.getByTestId("not-allowed").waitFor();
    expect(await agent.getByTestId("health-api").count()).toBe(0);
  });
});
