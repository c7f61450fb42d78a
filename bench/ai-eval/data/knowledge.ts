// Knowledge-search evaluation set, written by hand for Parley's benchmark (no public dataset
// text): a small help centre for an online shop with a subscription plan, questions a customer
// might ask (labelled with the article that answers them) and questions no article answers.
// run.ts checks that every labelled id exists, every article has a heading, ids are unique and
// no question is duplicated.

import type { KnowledgeArticleInput } from "@parley/ai";

export const articles: KnowledgeArticleInput[] = [
  {
    id: "track-order",
    title: "Tracking your order",
    body: `Every order gets a tracking number once it leaves our warehouse. You find it in the shipping confirmation email and under **My orders**.

## The tracking link shows nothing

Carriers update their systems a few hours after pick-up. If the link still shows no scans after 48 hours, contact us with your order number.`,
  },
  {
    id: "order-confirmation",
    title: "Order confirmation email",
    body: `We send an order confirmation by email within ten minutes of checkout.

## No confirmation received

Look in your spam or promotions folder first. If nothing is there, sign in and open **My orders**: if the order is listed, it went through and only the email went astray.`,
  },
  {
    id: "change-order",
    title: "Changing or adding to an order",
    body: `Orders can be changed for 30 minutes after checkout, until they move to packing.

## What you can change

- Size, colour or quantity of an item
- The delivery address
- Adding another item (it ships in the same parcel)

After packing has started we cannot edit the order; you can return unwanted items instead.`,
  },
  {
    id: "missing-item",
    title: "Missing or wrong items",
    body: `Sometimes large orders ship in more than one parcel; the shipping email lists what each parcel holds.

## An item is missing or wrong

Send us a photo of the parcel contents and the packing slip within 14 days. We ship the missing or correct item free of charge and you keep or return the wrong one with a prepaid label.`,
  },
  {
    id: "double-charge",
    title: "Charged twice for one order",
    body: `A duplicate charge usually appears when a payment is retried after a timeout. The second one is a pending authorisation that your bank releases within 3 to 5 business days.

## The duplicate charge does not disappear

If both charges are still on your statement after 5 business days, reply with the dates and amounts. We refund the duplicate the same day.`,
  },
  {
    id: "payment-methods",
    title: "Accepted payment methods",
    body: `We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay.

## Bank transfer and invoices

Business customers can pay by bank transfer against an invoice, with 14 days to pay. Cash on delivery is not available.`,
  },
  {
    id: "payment-declined",
    title: "Payment declined at checkout",
    body: `A declined payment is decided by your bank or card issuer, not by us.

## Things to check

- The card number, expiry date and security code
- That 3-D Secure confirmation in your banking app was approved
- Your card's online spending limit

If it still fails, try another card or PayPal.`,
  },
  {
    id: "invoices",
    title: "Invoices and VAT receipts",
    body: `An invoice is attached to the shipping confirmation email and can be downloaded from **My orders**.

## Adding a company name or VAT number

Add your company name and VAT number under **Account → Billing details** before ordering. For an order already placed, ask us and we issue a corrected invoice within two business days.`,
  },
  {
    id: "update-card",
    title: "Updating the card on file",
    body: `Your subscription is charged to the card saved under **Account → Payment methods**.

## Replacing an expired card

Add the new card, mark it as default, then remove the old one. The next renewal uses the default card automatically.`,
  },
  {
    id: "price-increase",
    title: "Why your bill changed",
    body: `Subscription prices are reviewed once a year. We announce a change by email at least 30 days before it applies.

## Other reasons for a higher amount

A higher bill can also come from an add-on, a change of plan in the middle of a billing period (prorated) or the end of an introductory discount.`,
  },
  {
    id: "return-policy",
    title: "Return policy",
    body: `You can return unused items in their original packaging within 30 days of delivery.

## Items that cannot be returned

Gift cards, personalised products and opened hygiene products are final sale.`,
  },
  {
    id: "start-return",
    title: "How to return an item",
    body: `Open the order under **My orders** and choose **Return an item**.

## Label and drop-off

Print the prepaid return label, stick it on the parcel and drop it at any post office or parcel locker. Returns within the EU are free; from other countries the label costs 7 euros.`,
  },
  {
    id: "refund-timing",
    title: "When you get your refund",
    body: `Returns are checked within 5 business days of arriving at our warehouse.

## Refund to your payment method

After the check we refund the original payment method. Banks take another 3 to 7 business days to show the money on your account.`,
  },
  {
    id: "exchange",
    title: "Exchanging for another size or colour",
    body: `We do not swap items directly.

## How to exchange

Return the item you do not want for a refund and place a new order for the size or colour you need. This way the new item ships right away instead of waiting for the return.`,
  },
  {
    id: "damaged-item",
    title: "Damaged or faulty products",
    body: `If a product arrives damaged or stops working within the two-year warranty, we replace or refund it.

## Reporting damage

Take photos of the product and the packaging and send them to us with your order number. You do not need to pay for sending a faulty product back.`,
  },
  {
    id: "reset-password",
    title: "Resetting your password",
    body: `Click **Forgot password?** on the sign-in page and enter your email address. We send a reset link that is valid for one hour.

## The reset email does not arrive

Check your spam folder. You can request a new link after 5 minutes.`,
  },
  {
    id: "account-locked",
    title: "Locked account",
    body: `After five failed sign-in attempts we lock the account for 30 minutes to protect it.

## Unlocking sooner

Resetting your password unlocks the account straight away. If you did not make the attempts, change your password and turn on two-factor authentication.`,
  },
  {
    id: "change-email",
    title: "Changing your email address or profile",
    body: `Your name, phone number and email address are under **Account → Profile**.

## Changing the sign-in email

Enter the new address and confirm it from the link we send there. Until you confirm, you keep signing in with the old address.`,
  },
  {
    id: "delete-account",
    title: "Deleting your account and data",
    body: `You can delete your account under **Account → Privacy → Delete account**.

## What gets deleted

We erase your profile, addresses and saved cards within 30 days. Invoices are kept for ten years because tax law requires it. An active subscription must be cancelled first.`,
  },
  {
    id: "two-factor",
    title: "Two-factor authentication",
    body: `Two-factor authentication asks for a one-time code from an authenticator app when you sign in.

## Turning it on

Go to **Account → Security**, choose **Enable two-factor**, scan the QR code with your authenticator app and enter the code it shows. Keep the recovery codes somewhere safe.`,
  },
  {
    id: "shipping-times",
    title: "Delivery times and costs",
    body: `Orders placed before 2 pm on a business day ship the same day.

## Standard and express

Standard delivery takes 3 to 5 business days and costs 4.95 euros; it is free for orders over 50 euros. Express delivery arrives the next business day for 9.95 euros. We do not deliver on Sundays.`,
  },
  {
    id: "international-shipping",
    title: "Shipping outside the EU",
    body: `We ship to the United Kingdom, Switzerland, Norway, the United States and Canada.

## Customs and duties

Orders to countries outside the EU may be charged import duties and taxes by the destination country. The courier collects them on delivery.`,
  },
  {
    id: "delivered-not-received",
    title: "Marked as delivered but not received",
    body: `Carriers sometimes mark a parcel as delivered a few hours early, or leave it with a neighbour or in a safe place.

## Still not there after a day

Ask your neighbours and check the delivery photo in the tracking page. If the parcel is still missing after 24 hours, tell us and we open an investigation with the carrier.`,
  },
  {
    id: "pickup-points",
    title: "Pickup points and parcel lockers",
    body: `At checkout you can choose a pickup point or parcel locker instead of home delivery.

## Collecting your parcel

You get a code by text message when the parcel arrives. Bring ID or the code; parcels wait 7 days before they are sent back to us.`,
  },
  {
    id: "app-crashes",
    title: "The app crashes or freezes",
    body: `Most crashes are fixed by updating to the latest version of the app from the App Store or Google Play.

## Still crashing after updating

Clear the app's cache (Android) or delete and reinstall the app (iOS). Your orders and settings are stored in your account and come back when you sign in.`,
  },
  {
    id: "website-errors",
    title: "Website errors and pages that do not load",
    body: `A blank page or an error message on our website is often caused by an outdated browser or a blocking extension.

## Things to try

- Reload the page and clear your browser cache
- Disable ad blockers for our site
- Try another browser or a private window

If you see an error code, send us a screenshot so we can find it in our logs.`,
  },
  {
    id: "notifications",
    title: "Push notifications and emails",
    body: `Order updates reach you as push notifications in the app and as emails.

## Not receiving notifications

Check that notifications for the app are allowed in your phone's settings and under **Account → Notifications**. Marketing emails can be turned off without losing order updates.`,
  },
  {
    id: "cancel-subscription",
    title: "Cancelling your subscription",
    body: `You can cancel your subscription at any time under **Account → Subscription → Cancel**.

## What happens after cancelling

Your plan stays active until the end of the paid period and is not renewed. No further payments are taken. You can resubscribe whenever you like.`,
  },
  {
    id: "pause-subscription",
    title: "Pausing your subscription",
    body: `Instead of cancelling you can pause your subscription for one, two or three months.

## During a pause

No boxes are sent and you are not charged. The subscription resumes automatically on the date you chose; you can resume it earlier from your account.`,
  },
  {
    id: "contact-us",
    title: "Contacting our support team",
    body: `Our support team answers chat and email from Monday to Friday, 8 am to 8 pm, and on Saturday from 9 am to 5 pm.

## Phone support

Customers on the premium plan can book a call back from a support agent in the chat.`,
  },
];

export interface LabelledQuestion {
  question: string;
  /** The id of the article that answers it. */
  expected: string;
}

export const answerableQuestions: LabelledQuestion[] = [
  { question: "where can I find my tracking number", expected: "track-order" },
  { question: "the tracking page has shown no updates for two days", expected: "track-order" },
  { question: "I didn't get an email after I paid, did my order go through?", expected: "order-confirmation" },
  { question: "how soon is the order confirmation sent", expected: "order-confirmation" },
  { question: "can I still change the size on an order I placed ten minutes ago", expected: "change-order" },
  { question: "is it possible to add another product to my existing order", expected: "change-order" },
  { question: "can I change the delivery address after checkout", expected: "change-order" },
  { question: "one item was missing from the parcel", expected: "missing-item" },
  { question: "you sent me the wrong item", expected: "missing-item" },
  { question: "why was I charged twice for the same order", expected: "double-charge" },
  { question: "there is a duplicate payment on my statement", expected: "double-charge" },
  { question: "do you take PayPal", expected: "payment-methods" },
  { question: "can I pay cash on delivery", expected: "payment-methods" },
  { question: "is Apple Pay accepted", expected: "payment-methods" },
  { question: "my card keeps getting declined at checkout", expected: "payment-declined" },
  { question: "why does my bank reject the payment", expected: "payment-declined" },
  { question: "where do I download an invoice", expected: "invoices" },
  { question: "how do I get my VAT number on the invoice", expected: "invoices" },
  { question: "my card expired, how do I replace it", expected: "update-card" },
  { question: "how do I change the card my subscription is charged to", expected: "update-card" },
  { question: "why is my subscription more expensive this month", expected: "price-increase" },
  { question: "did the subscription price go up", expected: "price-increase" },
  { question: "how many days do I have to return something", expected: "return-policy" },
  { question: "can I return a gift card", expected: "return-policy" },
  { question: "how do I send an item back", expected: "start-return" },
  { question: "where do I drop off my return parcel", expected: "start-return" },
  { question: "is the return label free", expected: "start-return" },
  { question: "when will I get my refund", expected: "refund-timing" },
  { question: "I sent my return last week, when does the money come back", expected: "refund-timing" },
  { question: "can I exchange a shirt for a bigger size", expected: "exchange" },
  { question: "how do I swap an item for another colour", expected: "exchange" },
  { question: "the product arrived broken", expected: "damaged-item" },
  { question: "my blender stopped working after three months, is it under warranty", expected: "damaged-item" },
  { question: "I forgot my password", expected: "reset-password" },
  { question: "the password reset email never arrived", expected: "reset-password" },
  { question: "my account is locked after too many attempts", expected: "account-locked" },
  { question: "how long does an account lock last", expected: "account-locked" },
  { question: "how do I change my email address", expected: "change-email" },
  { question: "where can I update my phone number", expected: "change-email" },
  { question: "how do I delete my account", expected: "delete-account" },
  { question: "do you keep my data after I close my account", expected: "delete-account" },
  { question: "how do I enable two-factor authentication", expected: "two-factor" },
  { question: "I need to set up an authenticator app", expected: "two-factor" },
  { question: "how long does standard delivery take", expected: "shipping-times" },
  { question: "is shipping free for big orders", expected: "shipping-times" },
  { question: "do you offer express delivery", expected: "shipping-times" },
  { question: "do you ship to Canada", expected: "international-shipping" },
  { question: "will I pay customs duties on an order to Switzerland", expected: "international-shipping" },
  { question: "tracking says delivered but I have no parcel", expected: "delivered-not-received" },
  { question: "my package is marked as delivered but it's not here", expected: "delivered-not-received" },
  { question: "can I collect my order from a parcel locker", expected: "pickup-points" },
  { question: "how long does a pickup point keep my parcel", expected: "pickup-points" },
  { question: "the app keeps crashing on my phone", expected: "app-crashes" },
  { question: "the app freezes when I open it", expected: "app-crashes" },
  { question: "your website shows a blank page", expected: "website-errors" },
  { question: "I get an error code when loading the site", expected: "website-errors" },
  { question: "I'm not getting push notifications", expected: "notifications" },
  { question: "how do I stop marketing emails", expected: "notifications" },
  { question: "how do I cancel my subscription", expected: "cancel-subscription" },
  { question: "if I cancel, do I keep my plan until the end of the month", expected: "cancel-subscription" },
  { question: "can I pause my subscription for a month", expected: "pause-subscription" },
  { question: "am I charged while my subscription is paused", expected: "pause-subscription" },
  { question: "what are your support opening hours", expected: "contact-us" },
  { question: "can I talk to someone on the phone", expected: "contact-us" },
];

/** Questions the help centre does not answer: search should say "not answerable". */
export const unanswerableQuestions: string[] = [
  "do you sell gift wrapping",
  "what is the weather in Berlin tomorrow",
  "are your products vegan",
  "do you have a physical store in Paris",
  "can I book a table for two",
  "what is your CEO's name",
  "do you offer student discounts",
  "are you hiring",
  "how do I become an affiliate partner",
  "which of your jackets is waterproof",
];
