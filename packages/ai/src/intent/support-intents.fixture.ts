import type { IntentSpec } from './types';

/** A small, realistic support set (written for these tests) used by the recognizer's tests. */
export const supportIntents: IntentSpec[] = [
  {
    name: 'billing',
    examples: [
      'I was charged twice this month',
      'there is a wrong amount on my invoice',
      'I want a refund',
      'why did my bill go up',
      'can I get a copy of my invoice',
      'my card was charged but the order failed',
    ],
  },
  {
    name: 'technical',
    examples: [
      "the app doesn't work",
      'I get an error when I log in',
      'the app keeps crashing on my phone',
      'the page will not load',
      'sync is broken since the last update',
      'I see a blank screen after the update',
    ],
  },
  {
    name: 'account',
    examples: [
      'I forgot my password',
      'how do I reset my password',
      'I want to change the email address on my account',
      'my account is locked',
      'I cannot sign in to my account',
      'delete my account',
    ],
  },
  {
    name: 'shipping',
    examples: [
      'where is my order',
      'my package has not arrived yet',
      'when will my order be delivered',
      'the tracking number does not work',
      'my parcel was delivered to the wrong address',
      'how long does shipping take',
    ],
  },
  {
    name: 'human',
    examples: ['I want to talk to a person', 'can I speak to a human agent', 'connect me with a real person', 'agent please'],
  },
];
