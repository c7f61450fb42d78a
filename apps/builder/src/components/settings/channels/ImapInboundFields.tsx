'use client';

import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Field } from './fields';
import { imapSettings, type EmailForm } from './email-form';
import settings from '../settings.module.css';
import styles from './channels.module.css';

/** "Test connection": signs in with the form's settings (the typed password, else the stored one) and counts the messages. */
function TestConnection({ form, channelId }: { form: EmailForm; channelId: string | undefined }) {
  const trpc = useTRPC();
  const test = useMutation(trpc.channels.testImap.mutationOptions());
  const imap = imapSettings(form);
  const result = test.data;
  return (
    <div className={styles.testRow}>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!imap || !imap.user || test.isPending}
        onClick={() => imap && test.mutate({ imap, ...(channelId ? { id: channelId } : {}), ...(form.imapPassword ? { password: form.imapPassword } : {}) })}
        data-testid="imap-test"
      >
        {test.isPending ? 'Connecting…' : 'Test connection'}
      </button>
      <p className={result?.ok ? 'field-help' : 'field-error'} role="status" data-testid="imap-test-result">
        {test.error
          ? test.error.message
          : result
            ? result.ok
              ? `Signed in: ${result.messages} message${result.messages === 1 ? '' : 's'} in ${imap?.mailbox ?? 'the mailbox'}, ${result.unseen} unread.`
              : result.error
            : null}
      </p>
    </div>
  );
}

/** How customers' mail comes in: Parley's SMTP endpoint, or an IMAP mailbox it polls (with the mailbox's settings). */
export function ImapInboundFields({
  form,
  errors,
  hasPassword,
  channelId,
  onChange,
}: {
  form: EmailForm;
  errors: Record<string, string>;
  hasPassword: boolean;
  channelId: string | undefined;
  onChange: (patch: Partial<EmailForm>) => void;
}) {
  const error = (field: string) => errors[`config.imap.${field}`];
  return (
    <fieldset className={styles.fieldset} data-testid="email-inbound">
      <legend className="field-label">Incoming mail</legend>
      <div className={styles.choice} role="radiogroup" aria-label="Inbound">
        {(
          [
            ['smtp', 'SMTP endpoint', 'Your mail server forwards to Parley.'],
            ['imap', 'IMAP mailbox', 'Parley fetches new mail from a mailbox.'],
          ] as const
        ).map(([value, label, help]) => (
          <label key={value} className={styles.choiceOption} data-checked={form.inbound === value}>
            <input type="radio" name="email-inbound" value={value} checked={form.inbound === value} onChange={() => onChange({ inbound: value })} data-testid={`email-inbound-${value}`} />
            <span>
              <strong>{label}</strong>
              <span className={styles.choiceHelp}>{help}</span>
            </span>
          </label>
        ))}
      </div>
      {form.inbound === 'imap' ? (
        <>
          <div className={styles.pair}>
            <Field label="IMAP host" error={error('host') ?? errors['config.imap']} help="Your mail provider's IMAP server.">
              {(id) => <input id={id} className="input" placeholder="imap.example.com" value={form.imapHost} onChange={(event) => onChange({ imapHost: event.target.value })} data-testid="imap-host" />}
            </Field>
            <Field label="Port" error={error('port')}>
              {(id) => <input id={id} className="input" inputMode="numeric" value={form.imapPort} onChange={(event) => onChange({ imapPort: event.target.value })} data-testid="imap-port" />}
            </Field>
          </div>
          <div className={styles.pair}>
            <Field label="User name" error={error('user')}>
              {(id) => <input id={id} className="input" autoComplete="off" value={form.imapUser} onChange={(event) => onChange({ imapUser: event.target.value })} data-testid="imap-user" />}
            </Field>
            <Field label="Password" error={errors.imapPassword} help={hasPassword ? 'Stored encrypted. Leave blank to keep it.' : 'Stored encrypted; never shown again.'}>
              {(id) => (
                <input
                  id={id}
                  className="input"
                  type="password"
                  autoComplete="new-password"
                  placeholder={hasPassword ? '••••••••' : ''}
                  value={form.imapPassword}
                  onChange={(event) => onChange({ imapPassword: event.target.value })}
                  data-testid="imap-password"
                />
              )}
            </Field>
          </div>
          <div className={styles.pair}>
            <Field label="Mailbox" error={error('mailbox')}>
              {(id) => <input id={id} className="input" value={form.imapMailbox} onChange={(event) => onChange({ imapMailbox: event.target.value })} data-testid="imap-mailbox" />}
            </Field>
            <Field label="Check every (seconds)" error={error('pollSeconds')} help="10 to 3600; after a failure Parley waits longer each time.">
              {(id) => <input id={id} className="input" inputMode="numeric" value={form.imapPollSeconds} onChange={(event) => onChange({ imapPollSeconds: event.target.value })} data-testid="imap-poll-seconds" />}
            </Field>
          </div>
          <label className={settings.check}>
            <input type="checkbox" checked={form.imapTls} onChange={(event) => onChange({ imapTls: event.target.checked })} /> Implicit TLS (port 993); otherwise STARTTLS when offered
          </label>
          <TestConnection form={form} channelId={channelId} />
        </>
      ) : null}
    </fieldset>
  );
}
