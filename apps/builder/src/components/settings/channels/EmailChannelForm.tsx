'use client';

import type { FlowSummary } from '@/lib/api-types';
import { Field, FlowField } from './fields';
import type { EmailForm } from './email-form';
import { ImapInboundFields } from './ImapInboundFields';
import settings from '../settings.module.css';
import styles from './channels.module.css';

/** An email channel's settings: which flow answers, the address replies come from, the relay and how mail comes in. */
export function EmailChannelForm({
  form,
  flows,
  errors,
  hasPassword,
  hasImapPassword,
  channelId,
  onChange,
}: {
  form: EmailForm;
  flows: FlowSummary[];
  errors: Record<string, string>;
  hasPassword: boolean;
  hasImapPassword: boolean;
  channelId: string | undefined;
  onChange: (patch: Partial<EmailForm>) => void;
}) {
  const error = (field: string) => errors[field] ?? errors[`config.${field}`];
  return (
    <div className={styles.form}>
      <div className={styles.pair}>
        <Field label="Name" error={errors.name}>
          {(id) => <input id={id} className="input" maxLength={80} required value={form.name} onChange={(event) => onChange({ name: event.target.value })} data-testid="channel-name" />}
        </Field>
        <FlowField flows={flows} value={form.flowId} error={errors.flowId} onChange={(flowId) => onChange({ flowId })} />
      </div>
      <div className={styles.pair}>
        <Field label="Address" error={error('address')} help="Replies come from it; mail to it reaches this channel once it is forwarded here.">
          {(id) => (
            <input id={id} className="input" type="email" required placeholder="support@example.com" value={form.address} onChange={(event) => onChange({ address: event.target.value })} data-testid="email-address" />
          )}
        </Field>
        <Field label="Sender name" error={error('fromName')} help="Shown as who the replies are from.">
          {(id) => <input id={id} className="input" maxLength={80} value={form.fromName} onChange={(event) => onChange({ fromName: event.target.value })} data-testid="email-from-name" />}
        </Field>
      </div>
      <fieldset className={styles.fieldset}>
        <legend className="field-label">Outgoing mail relay (SMTP)</legend>
        <div className={styles.pair}>
          <Field label="Host" error={error('relay.host')} help="Your mail provider's SMTP server.">
            {(id) => <input id={id} className="input" placeholder="smtp.example.com" value={form.relayHost} onChange={(event) => onChange({ relayHost: event.target.value })} data-testid="email-relay-host" />}
          </Field>
          <Field label="Port" error={error('relay.port')}>
            {(id) => <input id={id} className="input" inputMode="numeric" value={form.relayPort} onChange={(event) => onChange({ relayPort: event.target.value })} data-testid="email-relay-port" />}
          </Field>
        </div>
        <div className={styles.pair}>
          <Field label="User name" error={error('relay.user')}>
            {(id) => <input id={id} className="input" autoComplete="off" value={form.relayUser} onChange={(event) => onChange({ relayUser: event.target.value })} data-testid="email-relay-user" />}
          </Field>
          <Field label="Password" error={errors.relayPassword} help={hasPassword ? 'Stored encrypted. Leave blank to keep it.' : 'Stored encrypted; never shown again.'}>
            {(id) => (
              <input
                id={id}
                className="input"
                type="password"
                autoComplete="new-password"
                placeholder={hasPassword ? '••••••••' : ''}
                value={form.relayPassword}
                disabled={form.removePassword}
                onChange={(event) => onChange({ relayPassword: event.target.value })}
                data-testid="email-relay-password"
              />
            )}
          </Field>
        </div>
        <label className={settings.check}>
          <input type="checkbox" checked={form.relaySecure} onChange={(event) => onChange({ relaySecure: event.target.checked })} /> Implicit TLS (port 465); otherwise STARTTLS when offered
        </label>
        {hasPassword ? (
          <label className={settings.check}>
            <input type="checkbox" checked={form.removePassword} onChange={(event) => onChange({ removePassword: event.target.checked, relayPassword: '' })} /> Remove the stored password
          </label>
        ) : null}
      </fieldset>
      <ImapInboundFields form={form} errors={errors} hasPassword={hasImapPassword} channelId={channelId} onChange={onChange} />
      <label className={settings.check}>
        <input type="checkbox" checked={form.continueDroppedCalls} onChange={(event) => onChange({ continueDroppedCalls: event.target.checked })} data-testid="email-dropped-calls" /> When a voice call is
        cut off, continue the conversation here by email (if no SMS channel can reach the caller)
      </label>
    </div>
  );
}
