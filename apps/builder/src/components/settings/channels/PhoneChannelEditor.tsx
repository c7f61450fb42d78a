'use client';

import { useState, type FormEvent } from 'react';
import { CopyButton } from '@parley/ui';
import type { FlowSummary, PhoneChannel } from '@/lib/api-types';
import settings from '../settings.module.css';
import { PhoneChannelForm } from './PhoneChannelForm';
import { newPhoneForm, phoneFormOf, phoneInput, type PhoneForm } from './phone-form';
import styles from './channels.module.css';
import { ChannelFormFooter } from './ChannelFormFooter';
import { useChannelSave } from './use-channel-save';

function Copyable({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <div className={styles.snippet}>
      <code data-testid={testId}>{value}</code>
      <CopyButton text={value} label={label} className="btn btn-sm" testId={`${testId}-copy`} />
    </div>
  );
}

/** The webhook URL to paste at the provider (and, for WhatsApp, the verify token), and how the channel behaves. */
function Webhook({ channel, form }: { channel: PhoneChannel | null; form: PhoneForm }) {
  const twilio = form.kind === 'twilio';
  return (
    <section className={settings.card} aria-labelledby="phone-webhook-title" data-testid="phone-webhook">
      <h2 id="phone-webhook-title" className={settings.cardTitle}>
        Receiving messages
      </h2>
      {channel ? (
        <>
          <p className={settings.cardText}>
            {twilio ? 'In the Twilio Console, set this as the number’s “A message comes in” webhook (HTTP POST):' : 'In the Meta app’s WhatsApp → Configuration, set this as the callback URL and subscribe to “messages”:'}
          </p>
          <Copyable value={channel.webhookUrl} label="Copy the webhook URL" testId="phone-webhook-url" />
          {!twilio && form.verifyToken ? (
            <>
              <p className={settings.cardText}>with this verify token:</p>
              <Copyable value={form.verifyToken} label="Copy the verify token" testId="phone-verify-token" />
            </>
          ) : null}
        </>
      ) : (
        <p className={settings.cardText}>Save the channel to get the webhook URL to paste into {twilio ? 'Twilio' : 'Meta’s app settings'}.</p>
      )}
      <ul className={styles.notes}>
        <li>Each request is checked against its {twilio ? 'X-Twilio-Signature (auth token)' : 'X-Hub-Signature-256 (app secret)'}; others are refused.</li>
        <li>{twilio ? 'Options are sent as a numbered list (“Reply 1, 2 or 3”); long replies are split at 1600 characters.' : 'Up to three short options become reply buttons, up to ten a list.'}</li>
        <li>Pictures and files are stored encrypted; delivery receipts show under each reply in the inbox.</li>
      </ul>
    </section>
  );
}

/** Creating (channel null) or editing one SMS or WhatsApp channel. */
export function PhoneChannelEditor({ kind, channel, flows, onSaved, onClose }: { kind: PhoneForm['kind']; channel: PhoneChannel | null; flows: FlowSummary[]; onSaved: (id: string) => void; onClose: () => void }) {
  const [form, setForm] = useState<PhoneForm>(() => (channel ? phoneFormOf(channel) : newPhoneForm(kind, flows.find((flow) => flow.publishedVersion !== null)?.id ?? flows[0]?.id ?? '')));
  const { saved, setSaved, save, errors, submit: saveInput } = useChannelSave(channel ?? undefined, onSaved, () => setForm((current) => ({ ...current, authToken: '', accessToken: '', appSecret: '' })));
  function submit(event: FormEvent) {
    event.preventDefault();
    saveInput(phoneInput(form));
  }
  const label = kind === 'twilio' ? 'SMS channel' : 'WhatsApp channel';
  return (
    <div className={styles.layout}>
      <form className={settings.card} onSubmit={submit} aria-labelledby="channel-form-title" data-testid="channel-form">
        <h2 id="channel-form-title" className={settings.cardTitle}>
          {channel ? `Edit ${channel.name}` : `New ${label}`}
        </h2>
        <PhoneChannelForm
          form={form}
          flows={flows}
          errors={errors}
          hasCredential={channel?.hasCredential ?? false}
          onChange={(patch) => {
            setForm((current) => ({ ...current, ...patch }));
            setSaved(false);
            save.reset();
          }}
        />
        <ChannelFormFooter error={errors.form ?? errors.config} pending={save.isPending} canSave={Boolean(form.flowId)} saveLabel={channel ? 'Save changes' : `Create ${label}`} saved={saved} onClose={onClose} />
      </form>
      <div className={styles.sticky}>
        <Webhook channel={channel} form={form} />
      </div>
    </div>
  );
}
