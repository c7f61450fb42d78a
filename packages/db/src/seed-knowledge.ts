import { createHash } from "node:crypto";
import type { Db } from "./client";

/** The demo workspace's knowledge base, searched by the demo's knowledge and AI reply nodes. */
export const DEMO_KNOWLEDGE_BASE = "Help center";

const BASE_URL = "https://help.parley.dev/articles";

/** Short support articles written for the demo; Markdown bodies, headings split the passages. */
const articles: { slug: string; title: string; body: string }[] = [
  {
    slug: "double-charge-refund",
    title: "I was charged twice",
    body: `Charged twice for one payment? A double charge usually happens when a payment is retried after a timeout. The second charge is a pending authorisation that your bank releases by itself within 3–5 business days.

## Getting a refund for a duplicate charge

If both charges are still on your statement after 5 business days, reply with the last four digits of the card and the dates of both charges. We refund the duplicate charge the same day; the money reaches your account within 5–10 business days, depending on your bank.`,
  },
  {
    slug: "refund-policy",
    title: "Refund policy",
    body: `You can ask for a full refund within 30 days of any payment, no questions asked.

## How refunds are paid

Refunds go back to the card or account you paid with. Card refunds take 5–10 business days to appear; PayPal refunds arrive within 2 days. We cannot refund to a different card.`,
  },
  {
    slug: "shipping-times",
    title: "Shipping times",
    body: `Orders placed before 2 pm (CET) on a business day ship the same day.

## Delivery times

Standard delivery takes 3–5 business days within the EU and 7–12 business days to the rest of the world. Express delivery takes 1–2 business days within the EU. You receive a tracking link by email as soon as the parcel leaves our warehouse.`,
  },
  {
    slug: "returns",
    title: "Returning an item",
    body: `You can return any unused item within 30 days of delivery.

## How to return

Open your order in your account, choose "Return an item" and print the prepaid return label. Drop the parcel at any post office. Once the item reaches our warehouse we refund the item price within 3 business days. Return shipping is free within the EU.`,
  },
  {
    slug: "password-reset",
    title: "Resetting your password",
    body: `Click "Forgot password?" on the sign-in page and enter the email address of your account. We send a reset link that is valid for 1 hour.

## The reset email does not arrive

Check your spam folder and make sure you typed the address you signed up with. You can ask for a new link after 5 minutes. Accounts that sign in with Google or Microsoft have no Parley password: use that button instead.`,
  },
  {
    slug: "change-plan",
    title: "Changing your plan",
    body: `Admins can upgrade or downgrade the plan at any time under Settings → Billing → Plan.

## Upgrades and downgrades

An upgrade starts immediately and you pay the prorated difference for the rest of the billing period. A downgrade takes effect at the end of the current billing period, so you keep your features until then.`,
  },
  {
    slug: "invoices",
    title: "Downloading invoices",
    body: `Every payment creates an invoice. Admins find all invoices as PDF under Settings → Billing → Invoices.

## Changing the billing address or VAT number

Edit the company name, billing address or VAT number under Settings → Billing → Details. Changes apply to future invoices; to correct an invoice already issued, send us its number and we reissue it within 2 business days.`,
  },
  {
    slug: "cancel-subscription",
    title: "Cancelling your subscription",
    body: `Admins can cancel under Settings → Billing → Cancel subscription. Your workspace stays active until the end of the paid period; after that it is read-only for 90 days, then deleted.

## Exporting your data

Before cancelling you can export conversations and contacts as CSV under Settings → Data → Export.`,
  },
];

/**
 * Creates the demo knowledge base and its Markdown documents unless they exist (idempotent: a
 * document is matched by title, so reseeding adds only what is missing). Documents are stored
 * unchunked; the first search chunks and indexes them (packages/activities knowledge store), so
 * this package needs no search code.
 */
export async function seedKnowledge(db: Db, workspaceId: string): Promise<string> {
  const base = await db.knowledgeBase.upsert({
    where: { workspaceId_name: { workspaceId, name: DEMO_KNOWLEDGE_BASE } },
    create: { workspaceId, name: DEMO_KNOWLEDGE_BASE, description: "Answers to common billing, shipping and account questions." },
    update: {},
  });
  const existing = new Set((await db.knowledgeDocument.findMany({ where: { knowledgeBaseId: base.id }, select: { title: true } })).map((d) => d.title));
  const missing = articles.filter(({ title }) => !existing.has(title));
  if (missing.length === 0) return base.id;
  await db.$transaction([
    ...missing.map(({ slug, title, body }) =>
      db.knowledgeDocument.create({
        data: {
          knowledgeBaseId: base.id,
          title,
          sourceType: "markdown",
          content: body,
          contentHash: createHash("sha256").update(`markdown\n${body}`).digest("hex"),
          sizeBytes: Buffer.byteLength(body),
          url: `${BASE_URL}/${slug}`,
        },
      }),
    ),
    db.knowledgeBase.update({ where: { id: base.id }, data: { revision: { increment: 1 } } }),
  ]);
  return base.id;
}
