import { describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";
import { tinyPdf } from "../packages/ai/src/knowledge/test-pdf.fixture";
import { DEFAULT_ENCODER_MODEL, SENTENCE_ENCODER_MODELS } from "../packages/ai/src/encoder/encoder-models";

// Knowledge administration in the builder: create a knowledge base, add a pasted Markdown
// document and an uploaded PDF, look at the chunks, and ask the search tester — answer and
// not-found verdicts — all on the local BM25 search (no key).
const e2e = e2eSession();

describe("knowledge bases in the builder", () => {
  it("creates a base, adds documents by paste and upload, shows chunks and tests searches", async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/knowledge`);
    await page.getByTestId("knowledge-base-Help center").waitFor();
    await screenshot(page, "knowledge-1-list");

    await page.getByLabel("Name").fill("Returns FAQ");
    await page.getByLabel(/Description/).fill("Returns, exchanges and refunds");
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByTestId("knowledge-base-name").filter({ hasText: "Returns FAQ" }).waitFor();
    await page.getByTestId("documents-empty").waitFor();

    // Paste a Markdown article: headings become each chunk's path.
    await page.getByTestId("add-document").click();
    await page.getByTestId("document-title").fill("Returning an item");
    await page.getByTestId("document-url").fill("https://help.example.com/returns");
    await page.getByTestId("document-content").fill(
      "# Returns\n\nYou can return any unused item within 30 days of delivery.\n\n## Refunds\n\nOnce the parcel reaches our warehouse we refund the item price to your card within 3 business days.",
    );
    await page.getByTestId("document-save").click();
    await page.getByTestId("document-row").filter({ hasText: "Returning an item" }).getByText("2 chunks").waitFor();

    // Upload a PDF.
    await page.getByTestId("add-document").click();
    await page.getByTestId("document-mode-upload").click();
    await page.getByTestId("document-file").setInputFiles({
      name: "exchanges.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(tinyPdf(["Exchanges for another size are free of charge within 60 days."])),
    });
    await expect(page.getByTestId("document-title").inputValue()).resolves.toBe("exchanges");
    await page.getByTestId("document-save").click();
    await page.getByTestId("document-row").filter({ hasText: "exchanges" }).getByText("PDF · 1 chunk").waitFor();

    // A bad upload is refused with its reason.
    await page.getByTestId("add-document").click();
    await page.getByTestId("document-mode-upload").click();
    await page.getByTestId("document-file").setInputFiles({ name: "broken.pdf", mimeType: "application/pdf", buffer: Buffer.from("not really a pdf") });
    await page.getByTestId("document-save").click();
    await expect(page.getByTestId("document-error").textContent()).resolves.toContain("not a PDF");
    await page.getByRole("button", { name: "Cancel" }).click();

    // The chunks of the Markdown document, with their heading paths.
    await page.getByTestId("document-row").filter({ hasText: "Returning an item" }).getByTestId("document-chunks-toggle").click();
    const chunks = page.getByTestId("document-chunks");
    await chunks.getByText("Returns › Refunds").waitFor();
    await screenshot(page, "knowledge-2-documents");

    // The search tester: an answerable question ...
    await page.getByTestId("search-query").fill("how long until my refund reaches the card after a return?");
    await page.getByTestId("search-run").click();
    await expect(page.getByTestId("search-verdict").textContent()).resolves.toMatch(/^Answers/);
    const first = page.getByTestId("search-hit").first();
    await expect(first.textContent()).resolves.toContain("Returns › Refunds");
    await expect(first.textContent()).resolves.toContain("BM25 #1");
    // The cut is the default encoder's, re-derived whenever the search changes (packages/ai README).
    const cut = SENTENCE_ENCODER_MODELS[DEFAULT_ENCODER_MODEL].answerableSimilarity.toFixed(2);
    await expect(page.getByTestId("search-calibration").textContent()).resolves.toContain(`calibrated on held-out questions: cosine ${cut} is 0.45`);
    await screenshot(page, "knowledge-3-search-answer");

    // ... the PDF's text is searchable ...
    await page.getByTestId("search-query").fill("can I exchange for another size");
    await page.getByTestId("search-run").click();
    await expect(page.getByTestId("search-hit").first().textContent()).resolves.toContain("exchanges");

    // ... and a question the base does not cover takes the not-found way. (With the sentence
    // encoder, "can I return a gift card in your shop" is near enough the returns paragraph to
    // count as answered: closeness in meaning, not proof of an answer.)
    await page.getByTestId("search-query").fill("do you have a physical store in Berlin");
    await page.getByTestId("search-run").click();
    await expect(page.getByTestId("search-verdict").textContent()).resolves.toMatch(/^Not found/);
    await screenshot(page, "knowledge-4-search-not-found");

    // The knowledge-answer step's inspector offers the workspace's knowledge bases by name.
    const flow = await e2e.stack.database.db.flow.findFirstOrThrow({ where: { name: "Support assistant" } });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flow.id}`);
    await page.getByTestId("node-answer").click();
    const field = page.getByTestId("field-knowledgeBase");
    await expect(field.inputValue()).resolves.toBe("Help center");
    const listId = await field.getAttribute("list");
    expect(listId).toBeTruthy();
    const options = page.locator(`datalist[id="${listId}"] option`);
    // The names arrive with the workspace's knowledge bases, after the inspector opened.
    await expect
      .poll(async () => Promise.all((await options.all()).map((option) => option.getAttribute("value"))))
      .toEqual(expect.arrayContaining(["Help center", "Returns FAQ"]));
    await screenshot(page, "knowledge-5-inspector");

    const base = await e2e.stack.database.db.knowledgeBase.findFirstOrThrow({ where: { name: "Returns FAQ" }, include: { documents: true } });
    expect(base.documents.map((d) => d.sourceType).sort()).toEqual(["markdown", "pdf"]);
    await page.close();
  });
});
