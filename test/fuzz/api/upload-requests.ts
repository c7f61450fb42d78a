/** The knowledge uploads family. */
import fc from "fast-check";
import { hostileJson, hostileString } from "../hostile";
import type { RawRequest } from "../raw-http";
import { tRpcRequest } from "./requests";
import { targets } from "./targets";

const minimalPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF";

/** Knowledge uploads: PDF bytes that are broken or not PDF, HTML and text that are hostile. */
export const uploadRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    source: fc.oneof(
      fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.constant(new TextEncoder().encode(minimalPdf)), fc.integer({ min: 0, max: minimalPdf.length }).map((n) => new TextEncoder().encode(minimalPdf.slice(0, n))))
        .map((bytes) => ({ sourceType: "pdf", base64: Buffer.from(bytes).toString("base64") })),
      fc.constantFrom("not base64!", "====", "").map((base64) => ({ sourceType: "pdf", base64 })),
      fc.record({
        sourceType: fc.constantFrom("html", "markdown", "text"),
        content: fc.oneof(
          hostileString,
          fc.integer({ min: 10, max: 20_000 }).map((depth) => "<div>".repeat(depth) + "x"),
          fc.constantFrom("<script>while(1){}</script><p>Refunds take 5 days.</p>", "# Title\n\n" + "text ".repeat(20_000), "<p>\u0000</p>", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;&a;</x>"),
        ),
      }),
      hostileJson.map((value) => ({ sourceType: "pdf", base64: value })),
    ),
    title: fc.oneof(fc.constant("Upload"), hostileString),
    update: fc.boolean(),
  })
  .map(({ source, title, update }) => {
    const input = update ? { id: targets.ids.at(-1), title, source } : { knowledgeBaseId: targets.knowledgeBaseId, title, source };
    return tRpcRequest(update ? "knowledge.documents.update" : "knowledge.documents.create", "POST", JSON.stringify(input));
  });
