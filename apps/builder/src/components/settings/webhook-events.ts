import type { WebhookEventType } from '@/lib/api-types';

/** Every event a subscription may ask for, in the order the form lists them. */
export const WEBHOOK_EVENTS = {
  'conversation.created': 'Conversation started',
  'message.created': 'Message (customer, bot or agent)',
  'conversation.handoff': 'Handed to a person',
  'conversation.assigned': 'Assigned to an agent',
  'conversation.resolved': 'Resolved',
  'csat.submitted': 'Satisfaction rating',
  'sla.warning': 'SLA warning',
  'sla.breached': 'SLA breached',
  'contact.updated': 'Contact details changed',
} as const satisfies Record<WebhookEventType, string>;

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];
