'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ConfirmDialog, CopyButton, Icon } from '@parley/ui';
import type { ApiChannel, FlowSummary, WorkspaceChannel } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import settings from '../settings.module.css';
import { Field, FlowField } from './fields';
import { apiFormOf, apiInput, curlExample, newApiForm, type ApiForm } from './api-form';
import styles from './channels.module.css';
import { ChannelFormFooter } from './ChannelFormFooter';
import { useChannelSave } from './use-channel-save';

function Copyable({ value, label, testId, multiline = false }: { value: string; label: string; testId: string; multiline?: boolean }) {
  return (
    <div className={multiline ? `${styles.snippet} ${styles.multiline}` : styles.snippet}>
      <code data-testid={testId}>{value}</code>
      <CopyButton text={value} label={label} className="btn btn-sm" testId={`${testId}-copy`} />
    </div>
  );
}

/** The inbound URL, the signing secret (shown once after creating or rotating it) and a curl example. */
function Integration({ channel, secret, onSecret }: { channel: ApiChannel | null; secret: string | null; onSecret: (secret: string) => void }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation(trpc.channels.rotateSecret.mutationOptions());
  return (
    <section className={settings.card} aria-labelledby="api-integration-title" data-testid="api-integration">
      <h2 id="api-integration-title" className={settings.cardTitle}>
        Connecting your integration
      </h2>
      {channel ? (
        <>
          <p className={settings.cardText}>Post customers’ messages (JSON, signed) to:</p>
          <Copyable value={channel.inboundUrl} label="Copy the inbound URL" testId="api-inbound-url" />
          <p className={settings.cardText}>Signing secret{secret ? ' — copy it now, it is not shown again:' : ':'}</p>
          {secret ? <Copyable value={secret} label="Copy the signing secret" testId="api-secret" /> : <p className="field-help">Stored encrypted. Rotate it to get a new one; the old one stops working at once.</p>}
          <button type="button" className="btn btn-sm" onClick={() => setConfirming(true)} data-testid="api-rotate">
            <Icon name="rotate-ccw" size={13} /> Rotate secret
          </button>
          <p className={settings.cardText}>Try it from a shell (with the secret in $PARLEY_SECRET):</p>
          <Copyable value={curlExample(channel.inboundUrl)} label="Copy the curl example" testId="api-curl" multiline />
          <ConfirmDialog
            open={confirming}
            title="Rotate the signing secret?"
            confirmLabel="Rotate secret"
            pendingLabel="Rotating…"
            pending={rotate.isPending}
            error={rotate.error ? errorMessage(rotate.error) : null}
            onConfirm={() => rotate.mutate({ id: channel.id }, {
                onSuccess: (result) => {
                  onSecret(result.signingSecret);
                  setConfirming(false);
                },
              })}
            onClose={() => {
              rotate.reset();
              setConfirming(false);
            }}
          >
            Requests signed with the current secret are refused from then on, and Parley signs its callbacks with the new one.
          </ConfirmDialog>
        </>
      ) : (
        <p className={settings.cardText}>Save the channel to get its inbound URL and signing secret.</p>
      )}
      <ul className={styles.notes}>
        <li>Sign each request with X-Parley-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of “t.body”&gt;; older than five minutes is refused.</li>
        <li>The response carries the bot’s answers; the same answers, and agents’ replies, are posted to your callback URL, signed the same way.</li>
        <li>Retried posts with the same message id are stored once.</li>
      </ul>
    </section>
  );
}

/** Creating (channel null) or editing one custom (API) channel. */
export function ApiChannelEditor({ channel, flows, onSaved, onClose }: { channel: ApiChannel | null; flows: FlowSummary[]; onSaved: (id: string) => void; onClose: () => void }) {
  const [form, setForm] = useState<ApiForm>(() => (channel ? apiFormOf(channel) : newApiForm(flows.find((flow) => flow.publishedVersion !== null)?.id ?? flows[0]?.id ?? '')));
  // The secret as made on create (handed over from the create form's editor) or by a rotation.
  const [secret, setSecret] = useState<string | null>(() => (channel ? (justMade.get(channel.id) ?? null) : null));
  const { saved, setSaved, save, errors, submit: saveInput } = useChannelSave<WorkspaceChannel & { signingSecret?: string }>(channel ?? undefined, onSaved, (result) => {
    if (result.signingSecret) justMade.set(result.id, result.signingSecret);
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    saveInput(apiInput(form));
  }
  const change = (patch: Partial<ApiForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSaved(false);
    save.reset();
  };
  const close = () => {
    // Shown this once: reopening the channel shows it no more.
    if (channel) justMade.delete(channel.id);
    onClose();
  };
  return (
    <div className={styles.layout}>
      <form className={settings.card} onSubmit={submit} aria-labelledby="channel-form-title" data-testid="channel-form">
        <h2 id="channel-form-title" className={settings.cardTitle}>
          {channel ? `Edit ${channel.name}` : 'New API channel'}
        </h2>
        <div className={styles.form}>
          <div className={styles.pair}>
            <Field label="Name" error={errors.name}>
              {(id) => <input id={id} className="input" maxLength={80} required value={form.name} onChange={(event) => change({ name: event.target.value })} data-testid="channel-name" />}
            </Field>
            <FlowField flows={flows} value={form.flowId} error={errors.flowId} onChange={(flowId) => change({ flowId })} />
          </div>
          <Field label="Callback URL" error={errors.callbackUrl ?? errors['config.callbackUrl']} help="Where Parley posts the bot’s and agents’ messages (https; signed with the channel’s secret).">
            {(id) => <input id={id} className="input" type="url" autoComplete="off" placeholder="https://example.com/parley/callback" value={form.callbackUrl} onChange={(event) => change({ callbackUrl: event.target.value })} data-testid="api-callback-url" />}
          </Field>
        </div>
        <ChannelFormFooter error={errors.form ?? errors.config} pending={save.isPending} canSave={Boolean(form.flowId)} saveLabel={channel ? 'Save changes' : 'Create API channel'} saved={saved} onClose={close} />
      </form>
      <div className={styles.sticky}>
        <Integration channel={channel} secret={secret} onSecret={setSecret} />
      </div>
    </div>
  );
}

/**
 * Secrets just made on create, handed to the editor that opens for the saved channel (the create
 * form's editor is replaced then); in this page's memory only, dropped when the editor closes.
 */
const justMade = new Map<string, string>();
