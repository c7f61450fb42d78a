import type { EmailChannel } from '@/lib/api-types';

/** The email channel form's state: the address replies come from and the relay they go through. */
export interface EmailForm {
  name: string;
  flowId: string;
  address: string;
  fromName: string;
  relayHost: string;
  relayPort: string;
  relaySecure: boolean;
  relayUser: string;
  /** Blank keeps the stored password (never shown again); a value replaces it. */
  relayPassword: string;
  removePassword: boolean;
  /** A voice call cut off mid-conversation goes on here by email (when no SMS channel takes it). */
  continueDroppedCalls: boolean;
}

export function newEmailForm(flowId: string): EmailForm {
  return { name: 'Support email', flowId, address: '', fromName: 'Support', relayHost: '', relayPort: '587', relaySecure: false, relayUser: '', relayPassword: '', removePassword: false, continueDroppedCalls: true };
}

export function emailFormOf(channel: EmailChannel): EmailForm {
  const { config } = channel;
  return {
    name: channel.name,
    flowId: channel.flow?.id ?? '',
    address: config.address ?? '',
    fromName: config.fromName,
    relayHost: config.relay?.host ?? '',
    relayPort: String(config.relay?.port ?? 587),
    relaySecure: config.relay?.secure ?? false,
    relayUser: config.relay?.user ?? '',
    relayPassword: '',
    removePassword: false,
    continueDroppedCalls: config.continueDroppedCalls,
  };
}

/** What the channels router takes for this form. */
export function emailInput(form: EmailForm) {
  const host = form.relayHost.trim();
  return {
    kind: 'email' as const,
    name: form.name.trim(),
    flowId: form.flowId,
    config: {
      address: form.address.trim() || null,
      fromName: form.fromName,
      relay: host ? { host, port: Number(form.relayPort) || 587, secure: form.relaySecure, user: form.relayUser.trim() || null } : null,
      continueDroppedCalls: form.continueDroppedCalls,
    },
    ...(form.removePassword ? { relayPassword: null } : form.relayPassword ? { relayPassword: form.relayPassword } : {}),
  };
}
