import type { PhoneChannel } from '@/lib/api-types';

/**
 * The SMS/WhatsApp channel forms' state. Credentials are write-only: blank keeps the stored
 * ones (never shown again), a value replaces them.
 */
export interface PhoneForm {
  kind: 'twilio' | 'whatsapp';
  name: string;
  flowId: string;
  /** Twilio: the Account SID and the sender (`+1…` or `whatsapp:+1…`). */
  accountSid: string;
  from: string;
  authToken: string;
  /** Twilio: a voice call cut off mid-conversation goes on here by text. */
  continueDroppedCalls: boolean;
  /** WhatsApp Cloud API: the phone number id, API version, verify token, template and the two secrets. */
  phoneNumberId: string;
  apiVersion: string;
  verifyToken: string;
  templateName: string;
  templateLanguage: string;
  accessToken: string;
  appSecret: string;
}

/** A random verify token for Meta's webhook handshake (not a credential: it is shown to paste). */
function randomToken(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function newPhoneForm(kind: PhoneForm['kind'], flowId: string): PhoneForm {
  return {
    kind,
    name: kind === 'twilio' ? 'Support SMS' : 'Support WhatsApp',
    flowId,
    accountSid: '',
    from: '',
    authToken: '',
    continueDroppedCalls: true,
    phoneNumberId: '',
    apiVersion: 'v21.0',
    verifyToken: kind === 'whatsapp' ? randomToken() : '',
    templateName: '',
    templateLanguage: 'en_US',
    accessToken: '',
    appSecret: '',
  };
}

export function phoneFormOf(channel: PhoneChannel): PhoneForm {
  const form = newPhoneForm(channel.kind, channel.flow?.id ?? '');
  form.name = channel.name;
  if (channel.kind === 'twilio') return { ...form, accountSid: channel.config.accountSid ?? '', from: channel.config.from ?? '', continueDroppedCalls: channel.config.continueDroppedCalls };
  const { config } = channel;
  return {
    ...form,
    phoneNumberId: config.phoneNumberId ?? '',
    apiVersion: config.apiVersion,
    verifyToken: config.verifyToken ?? '',
    templateName: config.template?.name ?? '',
    templateLanguage: config.template?.language ?? 'en_US',
  };
}

/** What the channels router takes for this form. */
export function phoneInput(form: PhoneForm) {
  const common = { name: form.name.trim(), flowId: form.flowId };
  if (form.kind === 'twilio') {
    return {
      ...common,
      kind: 'twilio' as const,
      config: { accountSid: form.accountSid.trim() || null, from: form.from.trim() || null, continueDroppedCalls: form.continueDroppedCalls },
      ...(form.authToken.trim() ? { authToken: form.authToken.trim() } : {}),
    };
  }
  const template = form.templateName.trim();
  return {
    ...common,
    kind: 'whatsapp' as const,
    config: {
      phoneNumberId: form.phoneNumberId.trim() || null,
      apiVersion: form.apiVersion.trim() || 'v21.0',
      verifyToken: form.verifyToken.trim() || null,
      template: template ? { name: template, language: form.templateLanguage.trim() } : null,
    },
    // Both secrets are sealed together: typing one means giving both.
    ...(form.accessToken.trim() || form.appSecret.trim() ? { credentials: { accessToken: form.accessToken.trim(), appSecret: form.appSecret.trim() } } : {}),
  };
}
