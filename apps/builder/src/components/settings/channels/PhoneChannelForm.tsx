'use client';

import type { FlowSummary } from '@/lib/api-types';
import { Field, FlowField } from './fields';
import type { PhoneForm } from './phone-form';
import settings from '../settings.module.css';
import styles from './channels.module.css';

type Props = { form: PhoneForm; flows: FlowSummary[]; errors: Record<string, string>; hasCredential: boolean; onChange: (patch: Partial<PhoneForm>) => void };

/** A write-only secret: blank keeps the stored one. */
function Secret({ label, value, error, hasCredential, testId, onChange }: { label: string; value: string; error?: string | undefined; hasCredential: boolean; testId: string; onChange: (value: string) => void }) {
  return (
    <Field label={label} error={error} help={hasCredential ? 'Stored encrypted. Leave blank to keep it.' : 'Stored encrypted; never shown again.'}>
      {(id) => <input id={id} className="input" type="password" autoComplete="new-password" placeholder={hasCredential ? '••••••••' : ''} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId} />}
    </Field>
  );
}

function TwilioFields({ form, errors, hasCredential, onChange }: Props) {
  const error = (field: string) => errors[field] ?? errors[`config.${field}`];
  return (
    <fieldset className={styles.fieldset}>
      <legend className="field-label">Twilio account</legend>
      <div className={styles.pair}>
        <Field label="Account SID" error={error('accountSid')} help="Twilio Console → Account info.">
          {(id) => <input id={id} className="input" autoComplete="off" placeholder="AC…" value={form.accountSid} onChange={(event) => onChange({ accountSid: event.target.value })} data-testid="twilio-account-sid" />}
        </Field>
        <Secret label="Auth token" value={form.authToken} error={errors.authToken} hasCredential={hasCredential} testId="twilio-auth-token" onChange={(authToken) => onChange({ authToken })} />
      </div>
      <Field label="Sender" error={error('from')} help="Your Twilio number (+14155550100) for SMS, or whatsapp:+14155550100 for WhatsApp through Twilio.">
        {(id) => <input id={id} className="input" autoComplete="off" placeholder="+14155550100" value={form.from} onChange={(event) => onChange({ from: event.target.value })} data-testid="twilio-from" />}
      </Field>
      <label className={settings.check}>
        <input type="checkbox" checked={form.continueDroppedCalls} onChange={(event) => onChange({ continueDroppedCalls: event.target.checked })} data-testid="twilio-dropped-calls" /> When a voice call is
        cut off, continue the conversation here by text (to the caller&apos;s known number)
      </label>
    </fieldset>
  );
}

function WhatsappFields({ form, errors, hasCredential, onChange }: Props) {
  const error = (field: string) => errors[field] ?? errors[`config.${field}`];
  return (
    <>
      <fieldset className={styles.fieldset}>
        <legend className="field-label">WhatsApp Cloud API</legend>
        <div className={styles.pair}>
          <Field label="Phone number ID" error={error('phoneNumberId')} help="WhatsApp Manager → API setup.">
            {(id) => <input id={id} className="input" inputMode="numeric" value={form.phoneNumberId} onChange={(event) => onChange({ phoneNumberId: event.target.value })} data-testid="whatsapp-phone-number-id" />}
          </Field>
          <Field label="Graph API version" error={error('apiVersion')}>
            {(id) => <input id={id} className="input" value={form.apiVersion} onChange={(event) => onChange({ apiVersion: event.target.value })} data-testid="whatsapp-api-version" />}
          </Field>
        </div>
        <div className={styles.pair}>
          <Secret label="Access token" value={form.accessToken} error={errors['credentials.accessToken']} hasCredential={hasCredential} testId="whatsapp-access-token" onChange={(accessToken) => onChange({ accessToken })} />
          <Secret label="App secret" value={form.appSecret} error={errors['credentials.appSecret']} hasCredential={hasCredential} testId="whatsapp-app-secret" onChange={(appSecret) => onChange({ appSecret })} />
        </div>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend className="field-label">After 24 hours of silence</legend>
        <p className="field-help">WhatsApp only takes approved templates once the customer last wrote more than 24 hours ago; this one is sent instead of the reply.</p>
        <div className={styles.pair}>
          <Field label="Template name" error={error('template.name')}>
            {(id) => <input id={id} className="input" placeholder="follow_up" value={form.templateName} onChange={(event) => onChange({ templateName: event.target.value })} data-testid="whatsapp-template-name" />}
          </Field>
          <Field label="Language" error={error('template.language')}>
            {(id) => <input id={id} className="input" placeholder="en_US" value={form.templateLanguage} onChange={(event) => onChange({ templateLanguage: event.target.value })} data-testid="whatsapp-template-language" />}
          </Field>
        </div>
      </fieldset>
    </>
  );
}

/** An SMS (Twilio) or WhatsApp (Cloud API) channel's settings: the flow, the account, the sender. */
export function PhoneChannelForm(props: Props) {
  const { form, flows, errors, onChange } = props;
  return (
    <div className={styles.form}>
      <div className={styles.pair}>
        <Field label="Name" error={errors.name}>
          {(id) => <input id={id} className="input" maxLength={80} required value={form.name} onChange={(event) => onChange({ name: event.target.value })} data-testid="channel-name" />}
        </Field>
        <FlowField flows={flows} value={form.flowId} error={errors.flowId} onChange={(flowId) => onChange({ flowId })} />
      </div>
      {form.kind === 'twilio' ? <TwilioFields {...props} /> : <WhatsappFields {...props} />}
    </div>
  );
}
