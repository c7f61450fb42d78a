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
  /** Where customers' mail comes in: Parley's SMTP endpoint, or an IMAP mailbox Parley polls. */
  inbound: 'smtp' | 'imap';
  imapHost: string;
  imapPort: string;
  imapTls: boolean;
  imapUser: string;
  imapMailbox: string;
  imapPollSeconds: string;
  /** Blank keeps the stored IMAP password, like the relay's. */
  imapPassword: string;
  /** A voice call cut off mid-conversation goes on here by email (when no SMS channel takes it). */
  continueDroppedCalls: boolean;
}

const IMAP_DEFAULTS = { inbound: 'smtp', imapHost: '', imapPort: '993', imapTls: true, imapUser: '', imapMailbox: 'INBOX', imapPollSeconds: '60', imapPassword: '' } as const;

export function newEmailForm(flowId: string): EmailForm {
  return { name: 'Support email', flowId, address: '', fromName: 'Support', relayHost: '', relayPort: '587', relaySecure: false, relayUser: '', relayPassword: '', removePassword: false, continueDroppedCalls: true, ...IMAP_DEFAULTS };
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
    inbound: config.inbound,
    imapHost: config.imap?.host ?? '',
    imapPort: String(config.imap?.port ?? 993),
    imapTls: config.imap?.tls ?? true,
    imapUser: config.imap?.user ?? '',
    imapMailbox: config.imap?.mailbox ?? 'INBOX',
    imapPollSeconds: String(config.imap?.pollSeconds ?? 60),
    imapPassword: '',
    continueDroppedCalls: config.continueDroppedCalls,
  };
}

/** The IMAP settings as the router takes them (null while no host is given). */
export function imapSettings(form: EmailForm) {
  const host = form.imapHost.trim();
  if (!host) return null;
  return { host, port: Number(form.imapPort) || 993, tls: form.imapTls, user: form.imapUser.trim(), mailbox: form.imapMailbox.trim() || 'INBOX', pollSeconds: Number(form.imapPollSeconds) || 60 };
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
      inbound: form.inbound,
      imap: imapSettings(form),
      continueDroppedCalls: form.continueDroppedCalls,
    },
    ...(form.imapPassword ? { imapPassword: form.imapPassword } : {}),
    ...(form.removePassword ? { relayPassword: null } : form.relayPassword ? { relayPassword: form.relayPassword } : {}),
  };
}
