import type { KnowledgeArticleInput } from './types';

/** A small help center for tests (the seeded demo one lives in @parley/db, which ai must not import). */
export const helpCenter: KnowledgeArticleInput[] = [
  {
    id: 'double-charge',
    title: 'I was charged twice',
    url: 'https://help.example.com/double-charge',
    body: `A double charge usually happens when a payment is retried after a timeout. The second charge is a pending authorisation that your bank releases within 3–5 business days.

## Getting a refund for a duplicate charge

If both charges are still there after 5 business days, reply with the dates of both charges. We refund the duplicate charge the same day.`,
  },
  {
    id: 'shipping',
    title: 'Shipping times',
    body: `Orders placed before 2 pm on a business day ship the same day.

## Delivery times

Standard delivery takes 3–5 business days within the EU. Express delivery takes 1–2 business days.`,
  },
  {
    id: 'password',
    title: 'Resetting your password',
    url: 'https://help.example.com/password',
    body: `Click "Forgot password?" on the sign-in page and enter your email address. We send a reset link that is valid for 1 hour.

## The email does not arrive

Check your spam folder. You can ask for a new link after 5 minutes.`,
  },
  {
    id: 'returns',
    title: 'Returning an item',
    body: `You can return any unused item within 30 days of delivery.

### How to return

- Open your order and choose "Return an item".
- Print the prepaid label and drop the parcel at a post office.`,
  },
];
