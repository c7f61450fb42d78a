'use client';

import { useState, type FormEvent } from 'react';
import { CopyButton } from '@parley/ui';
import type { EmailChannel, FlowSummary } from '@/lib/api-types';
import settings from '../settings.module.css';
import { EmailChannelForm } from './EmailChannelForm';
import { emailFormOf, emailInput, newEmailForm, type EmailForm } from './email-form';
import styles from './channels.module.css';
import { ChannelFormFooter } from './ChannelFormFooter';
import { useChannelSave } from './use-channel-save';
import { fullDateTime } from '@/lib/format';

/** Where customers' mail must go for this channel, and how replies thread. */
function Receiving({ channel, address, inbound }: { channel: EmailChannel | null; address: string; inbound: EmailForm['inbound'] }) {
  return (
    <section className={settings.card} aria-labelledby="email-receiving-title" data-testid="email-receiving">
      <h2 id="email-receiving-title" className={settings.cardTitle}>
        Receiving mail
      </h2>
      {channel?.config.inbound === 'imap' ? (
        <ImapStatus channel={channel} />
      ) : inbound === 'imap' ? (
        <p className={settings.cardText}>Once saved, Parley checks the mailbox for new mail and marks what it took as read; test the connection first.</p>
      ) : channel?.inboundAddress ? (
        <>
          <p className={settings.cardText}>Forward {address ? <strong>{address}</strong> : 'your support address'} to this address, or write to it directly:</p>
          <div className={styles.snippet}>
            <code data-testid="email-inbound-address">{channel.inboundAddress}</code>
            <CopyButton text={channel.inboundAddress} label="Copy the inbound address" className="btn btn-sm" testId="email-inbound-copy" />
          </div>
        </>
      ) : (
        <p className={settings.cardText}>
          {channel
            ? 'Mail sent to the channel’s address reaches it once your mail server delivers it to Parley’s inbound SMTP endpoint (PARLEY_SMTP_INBOUND_PORT). Set PARLEY_EMAIL_DOMAIN to get an address of its own.'
            : 'Save the channel to get the address its mail goes to.'}
        </p>
      )}
      <ul className={styles.notes}>
        <li>A new mail opens a conversation on the flow; a reply continues its conversation.</li>
        <li>Quoted history and signatures are cut; attachments are stored encrypted.</li>
        <li>Options are sent as a numbered list; customers answer with the number or the words.</li>
      </ul>
    </section>
  );
}

/** How the IMAP poller is doing: the last error (until a poll succeeds), when it last looked, what it took. */
function ImapStatus({ channel }: { channel: EmailChannel }) {
  const { imap, config } = channel;
  return (
    <div className={styles.imapStatus} data-testid="imap-status">
      <p className={settings.cardText}>
        Parley checks <strong>{config.imap?.mailbox ?? 'INBOX'}</strong> on {config.imap?.host ?? 'the IMAP server'} every {config.imap?.pollSeconds ?? 60} seconds and marks what it took as read.
      </p>
      {imap.lastError ? (
        <p className="field-error" role="alert" data-testid="imap-last-error">
          Last check failed{imap.lastErrorAt ? ` (${fullDateTime(imap.lastErrorAt)})` : ''}: {imap.lastError}
          {imap.failures > 1 ? ` · ${imap.failures} failures in a row, waiting longer between tries` : ''}
        </p>
      ) : imap.lastPolledAt ? (
        <p className="field-help" data-testid="imap-last-poll">
          Last checked {fullDateTime(imap.lastPolledAt)}: {imap.taken} message{imap.taken === 1 ? '' : 's'} taken so far
          {imap.skipped ? `, ${imap.skipped} skipped (unreadable or too big; see the API log)` : ''}.
        </p>
      ) : (
        <p className="field-help">{imap.hasPassword ? 'Not checked yet: the first check runs within a few seconds.' : 'Enter the IMAP password to start checking.'}</p>
      )}
    </div>
  );
}

/** Creating (channel null) or editing one email channel: the form and where its mail goes. */
export function EmailChannelEditor({ channel, flows, onSaved, onClose }: { channel: EmailChannel | null; flows: FlowSummary[]; onSaved: (id: string) => void; onClose: () => void }) {
  const [form, setForm] = useState<EmailForm>(() => (channel ? emailFormOf(channel) : newEmailForm(flows.find((flow) => flow.publishedVersion !== null)?.id ?? flows[0]?.id ?? '')));
  const { saved, setSaved, save, errors, submit: saveInput } = useChannelSave(channel ?? undefined, onSaved, () => setForm((current) => ({ ...current, relayPassword: '', removePassword: false, imapPassword: '' })));
  function submit(event: FormEvent) {
    event.preventDefault();
    saveInput(emailInput(form));
  }
  return (
    <div className={styles.layout}>
      <form className={settings.card} onSubmit={submit} aria-labelledby="channel-form-title" data-testid="channel-form">
        <h2 id="channel-form-title" className={settings.cardTitle}>
          {channel ? `Edit ${channel.name}` : 'New email channel'}
        </h2>
        <EmailChannelForm
          form={form}
          flows={flows}
          errors={errors}
          hasPassword={channel?.hasRelayPassword ?? false}
          hasImapPassword={channel?.imap.hasPassword ?? false}
          channelId={channel?.id}
          onChange={(patch) => {
            setForm((current) => ({ ...current, ...patch }));
            setSaved(false);
            save.reset();
          }}
        />
        <ChannelFormFooter
          error={errors.form ?? errors.config}
          pending={save.isPending}
          canSave={Boolean(form.flowId)}
          saveLabel={channel ? 'Save changes' : 'Create email channel'}
          saved={saved}
          onClose={onClose}
        />
      </form>
      <div className={styles.sticky}>
        <Receiving channel={channel} address={form.address} inbound={form.inbound} />
      </div>
    </div>
  );
}
