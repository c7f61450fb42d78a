'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ConfirmDialog, CopyButton, EmptyState, ErrorState, Icon, LoadingState, type IconName } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { FlowSummary, WidgetChannel, WorkspaceChannel } from '@/lib/api-types';
import { useApiUrl } from '@/lib/api-url';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { RequirePermission } from '../RequirePermission';
import { SettingsHeader } from '../SettingsHeader';
import settings from '../settings.module.css';
import { ChannelForm } from './ChannelForm';
import { EmailChannelEditor } from './EmailChannelEditor';
import { PhoneChannelEditor } from './PhoneChannelEditor';
import { ApiChannelEditor } from './ApiChannelEditor';
import { WidgetPreview } from './WidgetPreview';
import { embedSnippet, newWidgetForm, widgetFormOf, widgetInput, type WidgetForm } from './widget-form';
import styles from './channels.module.css';
import { ChannelFormFooter } from './ChannelFormFooter';
import { useChannelSave } from './use-channel-save';

/** The snippet of a saved channel, to paste into a site's pages. */
function Snippet({ channel }: { channel: WidgetChannel }) {
  const snippet = embedSnippet(useApiUrl(), channel.publicId);
  return (
    <section className={settings.card} aria-labelledby="snippet-title">
      <h2 id="snippet-title" className={settings.cardTitle}>
        Embed code
      </h2>
      <p className={settings.cardText}>Paste it before &lt;/body&gt; on every page that should show the chat.</p>
      <div className={styles.snippet}>
        <code data-testid="channel-snippet">{snippet}</code>
        <CopyButton text={snippet} label="Copy the embed code" className="btn btn-sm" testId="channel-snippet-copy" />
      </div>
    </section>
  );
}

/** Creating (channel null) or editing one web widget: the form, its live preview and the snippet. */
function WidgetEditor({
  channel,
  flows,
  emailChannels,
  smsChannels,
  onSaved,
  onClose,
}: {
  channel: WidgetChannel | null;
  flows: FlowSummary[];
  emailChannels: { id: string; name: string }[];
  smsChannels: { id: string; name: string }[];
  onSaved: (id: string) => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState<WidgetForm>(() => (channel ? widgetFormOf(channel) : newWidgetForm(flows.find((flow) => flow.publishedVersion !== null)?.id ?? flows[0]?.id ?? '')));
  const { saved, setSaved, save, errors, submit: saveInput } = useChannelSave(channel ?? undefined, onSaved);
  function submit(event: FormEvent) {
    event.preventDefault();
    saveInput(widgetInput(form));
  }
  return (
    <div className={styles.layout}>
      <form className={settings.card} onSubmit={submit} aria-labelledby="channel-form-title" data-testid="channel-form">
        <h2 id="channel-form-title" className={settings.cardTitle}>
          {channel ? `Edit ${channel.name}` : 'New web widget'}
        </h2>
        <ChannelForm
          form={form}
          flows={flows}
          emailChannels={emailChannels}
          smsChannels={smsChannels}
          errors={errors}
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
          saveLabel={channel ? 'Save changes' : 'Create widget'}
          saved={saved}
          onClose={onClose}
        />
      </form>
      <div className={styles.sticky}>
        <WidgetPreview form={form} />
        {channel ? <Snippet channel={channel} /> : null}
      </div>
    </div>
  );
}

const KIND_ICON = { web_widget: 'globe', email: 'mail', twilio: 'phone', whatsapp: 'messages-square', api: 'webhook' } as const satisfies Record<WorkspaceChannel['kind'], IconName>;

const DELETE_NOTE = {
  web_widget: 'Pages that embed it stop showing the chat.',
  email: 'Mail to its addresses is refused from then on, and replies are no longer sent.',
  twilio: 'Twilio’s webhooks are refused from then on, and replies are no longer sent.',
  whatsapp: 'Meta’s webhooks are refused from then on, and replies are no longer sent.',
  api: 'Your integration’s posts are refused from then on, and nothing more is sent to its callback URL.',
} satisfies Record<WorkspaceChannel['kind'], string>;

/** What the row says after the kind and the flow: where customers reach the channel. */
function rowDetail(channel: WorkspaceChannel): string {
  if (channel.kind === 'email') return `${channel.config.address ?? channel.inboundAddress ?? 'no address'}${channel.config.inbound === 'imap' ? ` · IMAP ${channel.config.imap?.host ?? ''}` : ''}`;
  if (channel.kind === 'twilio') return channel.config.from ?? 'no sender number';
  if (channel.kind === 'whatsapp') return channel.config.phoneNumberId ? `phone number id ${channel.config.phoneNumberId}` : 'no phone number id';
  if (channel.kind === 'api') return channel.config.callbackUrl ?? 'no callback URL';
  return channel.allowedOrigins.join(', ');
}

function ChannelRow({ channel, onEdit }: { channel: WorkspaceChannel; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(trpc.channels.delete.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.channels.list.queryFilter()) }));
  return (
    <li className={settings.row} data-testid={`channel-${channel.id}`}>
      <div className={settings.rowMain}>
        <Icon name={KIND_ICON[channel.kind]} size={16} />
        <div className={settings.rowText}>
          <span className={settings.rowName}>{channel.name}</span>
          <span className={settings.rowSub}>
            {channel.kindLabel} · {channel.flow ? channel.flow.name : 'no flow'} ·{' '}
            {rowDetail(channel)}
          </span>
          {channel.kind === 'email' && channel.config.inbound === 'imap' && channel.imap.lastError ? (
            <span className="field-error" data-testid="channel-imap-error">
              Mailbox check failed: {channel.imap.lastError}
            </span>
          ) : null}
        </div>
      </div>
      <div className={settings.rowActions}>
        <button type="button" className="btn btn-sm" onClick={onEdit} data-testid="channel-edit">
          Edit
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${channel.name}`}>
          <Icon name="trash" size={13} />
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete the ${channel.kind === 'web_widget' ? 'widget' : 'channel'} “${channel.name}”?`}
        confirmLabel={channel.kind === 'web_widget' ? 'Delete widget' : 'Delete channel'}
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ id: channel.id }, { onSuccess: () => setConfirming(false) })}
        onClose={() => {
          remove.reset();
          setConfirming(false);
        }}
      >
        {DELETE_NOTE[channel.kind]}{' '}
        Its conversations stay in the inbox.
      </ConfirmDialog>
    </li>
  );
}

function Channels() {
  const trpc = useTRPC();
  // While a channel polls an IMAP mailbox its status (last check, last error) changes on its own.
  const channels = useQuery({
    ...trpc.channels.list.queryOptions(),
    refetchInterval: (query) => (query.state.data?.some((channel) => channel.kind === 'email' && channel.config.inbound === 'imap') ? 15_000 : false),
  });
  const flows = useQuery(trpc.flows.list.queryOptions());
  // null: nothing open; "new:<kind>": a create form; otherwise the id of the channel being edited.
  const [editing, setEditing] = useState<string | null>(null);
  if (channels.isPending || flows.isPending) return <LoadingState label="Loading channels…" />;
  if (channels.isError) return <ErrorState error={channels.error} title="Could not load channels" onRetry={() => void channels.refetch()} />;
  if (flows.isError) return <ErrorState error={flows.error} title="Could not load flows" onRetry={() => void flows.refetch()} />;
  const creating = (['web_widget', 'email', 'twilio', 'whatsapp', 'api'] as const).find((kind) => editing === `new:${kind}`) ?? null;
  const current = editing && !creating ? (channels.data.find((channel) => channel.id === editing) ?? null) : null;
  // A channel deleted meanwhile (here or in another tab) has nothing left to edit.
  const showEditor = creating !== null || current !== null;
  const editorProps = { flows: flows.data, onSaved: setEditing, onClose: () => setEditing(null) };
  return (
    <>
      {editing && showEditor ? (
        creating === 'email' || current?.kind === 'email' ? (
          <EmailChannelEditor key={editing} channel={current?.kind === 'email' ? current : null} {...editorProps} />
        ) : creating === 'api' || current?.kind === 'api' ? (
          <ApiChannelEditor key={editing} channel={current?.kind === 'api' ? current : null} {...editorProps} />
        ) : creating === 'twilio' || creating === 'whatsapp' || current?.kind === 'twilio' || current?.kind === 'whatsapp' ? (
          <PhoneChannelEditor
            key={editing}
            kind={current?.kind === 'twilio' || current?.kind === 'whatsapp' ? current.kind : creating === 'whatsapp' ? 'whatsapp' : 'twilio'}
            channel={current?.kind === 'twilio' || current?.kind === 'whatsapp' ? current : null}
            {...editorProps}
          />
        ) : (
          <WidgetEditor
            key={editing}
            channel={current?.kind === 'web_widget' ? current : null}
            emailChannels={channels.data.filter((channel) => channel.kind === 'email').map(({ id, name }) => ({ id, name }))}
            smsChannels={channels.data.filter((channel) => channel.kind === 'twilio').map(({ id, name }) => ({ id, name }))}
            {...editorProps}
          />
        )
      ) : (
        <div className={styles.newButtons}>
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new:web_widget')} data-testid="channel-new">
            <Icon name="plus" size={14} />
            New web widget
          </button>
          <button type="button" className="btn" onClick={() => setEditing('new:email')} data-testid="channel-new-email">
            <Icon name="mail" size={14} />
            New email channel
          </button>
          <button type="button" className="btn" onClick={() => setEditing('new:twilio')} data-testid="channel-new-sms">
            <Icon name="phone" size={14} />
            New SMS channel
          </button>
          <button type="button" className="btn" onClick={() => setEditing('new:whatsapp')} data-testid="channel-new-whatsapp">
            <Icon name="messages-square" size={14} />
            New WhatsApp channel
          </button>
          <button type="button" className="btn" onClick={() => setEditing('new:api')} data-testid="channel-new-api">
            <Icon name="webhook" size={14} />
            New API channel
          </button>
        </div>
      )}
      <h2 className={settings.sectionTitle}>Channels · {channels.data.length}</h2>
      {channels.data.length === 0 ? (
        <div className={listPage.panel}>
          <EmptyState icon="globe" title="No channels yet" testId="channels-empty">
            A web widget puts a chat bubble on your website; an email channel answers a support address; SMS and WhatsApp channels answer texts to your number; an API channel connects anything else (a Telegram bot, a Slack app, your own chat). Their conversations arrive in the inbox.
          </EmptyState>
        </div>
      ) : (
        <ul className={settings.list} data-testid="channels">
          {channels.data.map((channel) => (
            <ChannelRow key={channel.id} channel={channel} onEdit={() => setEditing(channel.id)} />
          ))}
        </ul>
      )}
    </>
  );
}

/** Settings → Channels: the ways customers reach the workspace (the embeddable web widget, email, SMS, WhatsApp, a custom API). */
export function ChannelsScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Channels" subtitle="Where customers reach you: a chat widget on your website, your support email, SMS or WhatsApp, or your own integration through the API, answered by a flow and your team." />
      <RequirePermission permission="settings:manage">
        <Channels />
      </RequirePermission>
    </div>
  );
}
