// The step forms generated from the kinds' schemas, as a flow author uses them in the built
// builder: a condition typed with autocomplete and checked live (an unknown variable is an error
// on the spot), request headers in the key-value editor and a JSON body in the code editor, and
// a custom activity added from its own palette entry with typed inputs. The saved draft (through
// the API) says what was really stored: the same text lines the runtime reads.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();

/** The page at desktop (1440×900) and phone (390×844) widths; `focus` is scrolled into view at each. */
async function screenshotBoth(page: Page, name: string, focus?: Locator): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Replaces what a CodeMirror editor holds, as a person would: select all, then type. */
async function typeInto(editor: Locator, text: string, { insert = false } = {}): Promise<void> {
  const content = editor.locator(".cm-content");
  await content.click();
  await editor.page().keyboard.press("ControlOrMeta+a");
  await editor.page().keyboard.press("Backspace");
  // insertText skips per-key handling (auto-closed brackets), for text pasted in one go.
  if (insert) await editor.page().keyboard.insertText(text);
  else await editor.page().keyboard.type(text);
}

const graph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: { variables: "vip = false" } },
    { id: "ask_age", kind: "ask", position: { x: 0, y: 140 }, config: { question: "How old are you?", variable: "age", inputType: "number" } },
    { id: "check", kind: "condition", position: { x: 0, y: 280 }, config: { if: "true", elseIf1: "", elseIf2: "" } },
    { id: "call", kind: "http_request", position: { x: 0, y: 420 }, config: { method: "GET", url: "https://api.example.com/customers", headers: "", body: "", responseMapping: "" } },
    { id: "end", kind: "end", position: { x: 0, y: 560 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "ask_age" },
    { id: "e2", source: "ask_age", sourcePort: "answered", target: "check" },
    { id: "e3", source: "ask_age", sourcePort: "invalid", target: "end" },
    { id: "e4", source: "ask_age", sourcePort: "timeout", target: "end" },
    { id: "e5", source: "check", sourcePort: "if", target: "call" },
    { id: "e6", source: "check", sourcePort: "else", target: "end" },
    { id: "e7", source: "call", sourcePort: "success", target: "end" },
    { id: "e8", source: "call", sourcePort: "error", target: "end" },
  ],
};

describe("step forms in the flow editor", () => {
  it("edits a condition with autocomplete and live errors, headers, a JSON body and a custom activity's typed inputs", async () => {
    const api = await e2e.stack.api("owner");
    const { id: flowId } = await api.flows.create.mutate({ name: "Forms" });
    await api.flows.saveDraft.mutate({ id: flowId, graph });
    const saved = async () => (await api.flows.get.query({ id: flowId })).draft.graph as FlowGraph;
    const configOf = async (id: string) => (await saved()).nodes.find((node) => node.id === id)?.config as Record<string, unknown> | undefined;

    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    await page.getByTestId("node-check").click();

    // --- The condition: autocomplete offers the flow's variables with their types. ---------------
    const condition = page.getByTestId("field-if");
    await typeInto(condition, "ag");
    const option = page.locator(".cm-tooltip-autocomplete li", { hasText: "age" });
    await option.waitFor();
    await expect(option.locator(".cm-completionDetail").textContent()).resolves.toBe("number");
    await screenshotBoth(page, "forms-1-autocomplete", condition);
    await page.keyboard.press("Enter");
    await page.keyboard.type(" >= 18");
    await expect.poll(() => condition.locator(".cm-content").textContent()).toBe("age >= 18");
    await expect(page.getByTestId("field-if-live-error").count()).resolves.toBe(0);

    // A variable no step sets is an error while typing, not a warning.
    await typeInto(condition, "agee >= 18");
    await page.getByTestId("field-if-live-error").getByText("Unknown variable agee: no step of the flow stores it").waitFor();
    await condition.locator(".cm-lintRange-error").first().waitFor();
    await page.getByTestId("problems").getByTestId("problem").filter({ hasText: "Unknown variable agee" }).waitFor();
    await screenshotBoth(page, "forms-2-live-error", condition);
    await typeInto(condition, "age >= 18 && lower(last_message) != \"no\"", { insert: true });
    await page.getByTestId("field-if-live-error").waitFor({ state: "detached" });

    // --- The request: headers as rows, a JSON body with a placeholder. ----------------------------
    await page.getByTestId("node-call").click();
    const headers = page.getByTestId("field-headers");
    await headers.getByTestId("field-headers-add").click();
    await headers.getByTestId("field-headers-key").last().fill("Authorization");
    await headers.getByTestId("field-headers-value").last().fill("Bearer {{secrets.CRM_TOKEN}}");
    await headers.getByTestId("field-headers-add").click();
    await headers.getByTestId("field-headers-key").last().fill("X-Age");
    await headers.getByTestId("field-headers-value").last().fill("{{age}}");
    // Reordered: X-Age first.
    await headers.getByRole("button", { name: "Move row 2 up" }).click();
    await page.getByTestId("field-method").selectOption("POST");
    const body = page.getByTestId("field-body");
    await typeInto(body, '{\n  "age": {{age}},\n  "vip": {{vip}}\n}', { insert: true });
    await body.locator(".cm-template-placeholder", { hasText: "{{age}}" }).waitFor();
    await screenshotBoth(page, "forms-3-request", headers);

    // --- A custom activity from its own palette entry, with typed inputs. --------------------------
    await page.getByTestId("palette-activity-calculateShippingCost").click();
    const input = page.getByTestId("field-input");
    await input.getByTestId("field-input-weightKg").getByText("number").waitFor();
    await typeInto(input.getByTestId("field-input-weightKg-value"), "age / 10");
    await typeInto(input.getByTestId("field-input-country-value"), '"de"', { insert: true });
    // A boolean field given text is a type error, shown at the field.
    await typeInto(input.getByTestId("field-input-express-value"), '"yes"', { insert: true });
    await page.getByTestId("field-input-express-value-live-error").getByText(/must give true\/false, but it gives text/).waitFor();
    await typeInto(input.getByTestId("field-input-express-value"), "vip");
    await page.getByTestId("field-input-express-value-live-error").waitFor({ state: "detached" });
    await expect(page.getByTestId("field-output-cost-variable").inputValue()).resolves.toBe("cost");
    await screenshotBoth(page, "forms-4-custom-activity", input);

    // --- Start: triggers as a list, initial variables as assignment rows. ---------------------------
    await page.getByTestId("node-start").click();
    const triggers = page.getByTestId("field-triggers");
    for (const trigger of ["shipping", "/parcel\\s+\\d+/"]) {
      await triggers.getByTestId("field-triggers-add").click();
      await triggers.getByRole("textbox").last().fill(trigger);
    }
    await triggers.getByRole("button", { name: "Move row 2 up" }).click();
    await page.getByTestId("field-variables").getByTestId("field-variables-row").first().waitFor();
    await screenshotBoth(page, "forms-5-start", triggers);

    // --- What was saved: the same text lines as before the forms existed. -------------------------
    await page.getByTestId("save-draft").click();
    await expect.poll(() => page.getByTestId("save-state").textContent()).toMatch(/^Saved/);
    await expect.poll(async () => (await configOf("check"))?.if).toBe('age >= 18 && lower(last_message) != "no"');
    expect(await configOf("call")).toMatchObject({
      method: "POST",
      headers: "X-Age: {{age}}\nAuthorization: Bearer {{secrets.CRM_TOKEN}}",
      body: '{\n  "age": {{age}},\n  "vip": {{vip}}\n}',
    });
    expect(await configOf("start")).toMatchObject({ triggers: "/parcel\\s+\\d+/\nshipping", variables: "vip = false" });
    const activity = (await saved()).nodes.find((node) => node.kind === "custom_activity");
    expect(activity?.config).toMatchObject({
      activity: "calculateShippingCost",
      input: 'weightKg = age / 10\ncountry = "de"\nexpress = vip',
      output: "cost = cost\ncurrency = currency\ndays = days\nzone = zone",
    });
    await page.close();
  });
});
