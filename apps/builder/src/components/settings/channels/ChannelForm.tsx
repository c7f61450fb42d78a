'use client';

import type { FlowSummary } from '@/lib/api-types';
import { WEEKDAYS, WEEKDAY_SHORT, type WidgetForm } from './widget-form';
import { Field, FlowField } from './fields';
import settings from '../settings.module.css';
import styles from './channels.module.css';

/** The web widget's settings: which flow answers, where it may be embedded, its look and hours. */
export function ChannelForm({
  form,
  flows,
  emailChannels,
  smsChannels,
  errors,
  onChange,
}: {
  form: WidgetForm;
  flows: FlowSummary[];
  /** The workspace's email channels, for "Continue by email". */
  emailChannels: { id: string; name: string }[];
  /** The workspace's Twilio channels, for "Continue by SMS". */
  smsChannels: { id: string; name: string }[];
  errors: Record<string, string>;
  onChange: (patch: Partial<WidgetForm>) => void;
}) {
  // The API names a config problem under `config` (one message for the whole section).
  const configError = (field: string) => errors[field];
  return (
    <div className={styles.form}>
      <div className={styles.pair}>
        <Field label="Name" error={errors.name}>
          {(id) => <input id={id} className="input" maxLength={80} required value={form.name} onChange={(event) => onChange({ name: event.target.value })} data-testid="channel-name" />}
        </Field>
        <FlowField flows={flows} value={form.flowId} error={errors.flowId} onChange={(flowId) => onChange({ flowId })} />
      </div>
      <Field
        label="Allowed websites"
        error={errors.allowedOrigins ?? Object.entries(errors).find(([key]) => key.startsWith('allowedOrigins.'))?.[1]}
        help="One origin per line, e.g. https://www.example.com. Pages elsewhere cannot use the widget; * allows any site."
      >
        {(id) => (
          <textarea
            id={id}
            className="input"
            rows={3}
            placeholder="https://www.example.com"
            value={form.origins}
            onChange={(event) => onChange({ origins: event.target.value })}
            data-testid="channel-origins"
          />
        )}
      </Field>
      <div className={styles.pair}>
        <Field label="Colour" error={configError('color')}>
          {(id) => <input id={id} type="color" className={settings.colorInput} value={form.color} onChange={(event) => onChange({ color: event.target.value })} data-testid="channel-color" />}
        </Field>
        <Field label="Corner" help="Where the bubble sits on the page.">
          {(id) => (
            <select id={id} className="select" value={form.position} onChange={(event) => onChange({ position: event.target.value as WidgetForm['position'] })} data-testid="channel-position">
              <option value="right">Bottom right</option>
              <option value="left">Bottom left</option>
            </select>
          )}
        </Field>
      </div>
      <div className={styles.pair}>
        <Field label="Title" error={configError('title')}>
          {(id) => <input id={id} className="input" maxLength={60} value={form.title} onChange={(event) => onChange({ title: event.target.value })} data-testid="channel-title" />}
        </Field>
        <Field label="Logo URL" error={configError('logoUrl')} help="Optional; shown in the header.">
          {(id) => <input id={id} className="input" type="url" placeholder="https://www.example.com/logo.png" value={form.logoUrl} onChange={(event) => onChange({ logoUrl: event.target.value })} />}
        </Field>
      </div>
      <Field label="Greeting" error={configError('greeting')} help="The first thing visitors read when they open the chat.">
        {(id) => <input id={id} className="input" maxLength={200} value={form.greeting} onChange={(event) => onChange({ greeting: event.target.value })} data-testid="channel-greeting" />}
      </Field>
      <label className={settings.check}>
        <input type="checkbox" checked={form.preChatForm} onChange={(event) => onChange({ preChatForm: event.target.checked })} data-testid="channel-prechat" /> Ask for name and email before
        the chat starts (they become the conversation&apos;s contact)
      </label>
      <label className={settings.check}>
        <input type="checkbox" checked={form.voice} onChange={(event) => onChange({ voice: event.target.checked })} data-testid="channel-voice" /> Offer voice calls (a call
        button in the widget&apos;s header; visitors talk with the same flow, and the words appear in the chat)
      </label>
      <Field
        label="Continue by email"
        help={emailChannels.length === 0 ? 'Add an email channel to let customers move a chat to email.' : 'Customers can move the chat to email; the same conversation goes on there.'}
      >
        {(id) => (
          <select id={id} className="select" value={form.continueByEmailChannelId} onChange={(event) => onChange({ continueByEmailChannelId: event.target.value })} disabled={emailChannels.length === 0} data-testid="channel-continue-email">
            <option value="">{emailChannels.length === 1 ? `The email channel (${emailChannels[0]!.name})` : emailChannels.length === 0 ? 'No email channel' : 'Choose an email channel'}</option>
            {emailChannels.length > 1 ? emailChannels.map((channel) => <option key={channel.id} value={channel.id}>{channel.name}</option>) : null}
          </select>
        )}
      </Field>
      <Field
        label="Continue by SMS"
        help={smsChannels.length === 0 ? 'Add an SMS (Twilio) channel to let customers move a chat to text messages.' : 'Customers can give their mobile number; the same conversation goes on by SMS.'}
      >
        {(id) => (
          <select id={id} className="select" value={form.continueBySmsChannelId} onChange={(event) => onChange({ continueBySmsChannelId: event.target.value })} disabled={smsChannels.length === 0} data-testid="channel-continue-sms">
            <option value="">{smsChannels.length === 1 ? `The SMS channel (${smsChannels[0]!.name})` : smsChannels.length === 0 ? 'No SMS channel' : 'Choose an SMS channel'}</option>
            {smsChannels.length > 1 ? smsChannels.map((channel) => <option key={channel.id} value={channel.id}>{channel.name}</option>) : null}
          </select>
        )}
      </Field>
      <label className={settings.check}>
        <input type="checkbox" checked={form.hoursOn} onChange={(event) => onChange({ hoursOn: event.target.checked })} data-testid="channel-hours" /> Business hours: show an offline
        message outside them
      </label>
      {form.hoursOn ? (
        <>
          <div className={styles.days} role="group" aria-label="Open on">
            {WEEKDAYS.map((day) => (
              <label key={day} className={styles.day}>
                <input
                  type="checkbox"
                  checked={form.days.includes(day)}
                  onChange={(event) => onChange({ days: event.target.checked ? WEEKDAYS.filter((d) => d === day || form.days.includes(d)) : form.days.filter((d) => d !== day) })}
                />
                {WEEKDAY_SHORT[day]}
              </label>
            ))}
          </div>
          <div className={styles.pair}>
            <Field label="Opens" error={Object.entries(errors).find(([key]) => key.endsWith('.start'))?.[1]}>
              {(id) => <input id={id} className="input" type="time" value={form.opens} onChange={(event) => onChange({ opens: event.target.value })} />}
            </Field>
            <Field label="Closes" error={Object.entries(errors).find(([key]) => key.endsWith('.end'))?.[1]}>
              {(id) => <input id={id} className="input" type="time" value={form.closes} onChange={(event) => onChange({ closes: event.target.value })} />}
            </Field>
            <Field label="Time zone" error={errors['config.businessHours.timeZone']}>
              {(id) => <input id={id} className="input" value={form.timeZone} onChange={(event) => onChange({ timeZone: event.target.value })} />}
            </Field>
          </div>
          <Field label="Offline message" error={configError('offlineMessage')}>
            {(id) => <textarea id={id} className="input" rows={2} maxLength={300} value={form.offlineMessage} onChange={(event) => onChange({ offlineMessage: event.target.value })} />}
          </Field>
        </>
      ) : null}
    </div>
  );
}
