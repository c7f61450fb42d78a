import type { ContactConversation, IdentityKind } from '@/lib/api-types';

type Channel = ContactConversation['channel'];

/** Each channel's icon and name, wherever a conversation's channel is shown. */
export const CHANNEL_LOOK = {
  web: { icon: 'globe', label: 'Web chat' },
  voice: { icon: 'phone', label: 'Voice' },
  sms: { icon: 'message-square', label: 'SMS' },
  whatsapp: { icon: 'messages-square', label: 'WhatsApp' },
  email: { icon: 'mail', label: 'Email' },
  api: { icon: 'webhook', label: 'API' },
} as const satisfies Record<Channel, { icon: string; label: string }>;

export const IDENTITY_LOOK = {
  email: { icon: 'mail', label: 'Email' },
  phone: { icon: 'phone', label: 'Phone' },
  visitor: { icon: 'globe', label: 'Widget visitor' },
  external: { icon: 'key-round', label: 'External id' },
} as const satisfies Record<IdentityKind, { icon: string; label: string }>;
