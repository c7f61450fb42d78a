import type { WebWidgetConfig, WidgetChannel } from '@/lib/api-types';

/** The weekdays of a business calendar, Monday first, as the API's calendar names them. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_SHORT: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/**
 * The widget form's state: the config as people edit it. Business hours are one opening period
 * on the chosen days (the common case; the API's calendar allows more, which this form keeps
 * as the first period of each day).
 */
export interface WidgetForm {
  name: string;
  flowId: string;
  origins: string;
  color: string;
  logoUrl: string;
  title: string;
  greeting: string;
  position: 'right' | 'left';
  preChatForm: boolean;
  /** A call button in the widget's header (voice through the gateway, same conversation). */
  voice: boolean;
  hoursOn: boolean;
  timeZone: string;
  days: Weekday[];
  opens: string;
  closes: string;
  offlineMessage: string;
  /** The email channel "Continue by email" moves conversations to; '' for the workspace's only one. */
  continueByEmailChannelId: string;
  /** The SMS (Twilio) channel "Continue by SMS" moves conversations to; '' for the workspace's only one. */
  continueBySmsChannelId: string;
}

export function newWidgetForm(flowId: string): WidgetForm {
  return {
    name: 'Website chat',
    flowId,
    origins: '',
    color: '#4f46e5',
    logoUrl: '',
    title: 'Chat with us',
    greeting: 'Hi! How can we help?',
    position: 'right',
    preChatForm: false,
    voice: false,
    hoursOn: false,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    opens: '09:00',
    closes: '17:00',
    offlineMessage: "We're away right now. Leave a message and we'll get back to you as soon as we're in.",
    continueByEmailChannelId: '',
    continueBySmsChannelId: '',
  };
}

export function widgetFormOf(channel: WidgetChannel): WidgetForm {
  const { config } = channel;
  const hours = config.businessHours;
  const days = hours ? WEEKDAYS.filter((day) => hours.weekly[day].length > 0) : newWidgetForm('').days;
  const first = hours ? WEEKDAYS.map((day) => hours.weekly[day][0]).find((period) => period !== undefined) : undefined;
  return {
    name: channel.name,
    flowId: channel.flow?.id ?? '',
    origins: channel.allowedOrigins.join('\n'),
    color: config.color,
    logoUrl: config.logoUrl ?? '',
    title: config.title,
    greeting: config.greeting,
    position: config.position,
    preChatForm: config.preChatForm,
    voice: config.voice,
    hoursOn: hours !== null,
    timeZone: hours?.timeZone ?? newWidgetForm('').timeZone,
    days,
    opens: first?.start ?? '09:00',
    closes: first?.end ?? '17:00',
    offlineMessage: config.offlineMessage,
    continueByEmailChannelId: config.continueByEmailChannelId ?? '',
    continueBySmsChannelId: config.continueBySmsChannelId ?? '',
  };
}

/** What the channels router takes for this form. */
export function widgetInput(form: WidgetForm) {
  const period = [{ start: form.opens, end: form.closes }];
  const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, form.days.includes(day) ? period : []])) as Record<Weekday, typeof period>;
  const config: WebWidgetConfig = {
    color: form.color,
    logoUrl: form.logoUrl.trim() || null,
    title: form.title,
    greeting: form.greeting,
    position: form.position,
    preChatForm: form.preChatForm,
    voice: form.voice,
    businessHours: form.hoursOn ? { timeZone: form.timeZone.trim(), weekly, holidays: [] } : null,
    offlineMessage: form.offlineMessage,
    continueByEmailChannelId: form.continueByEmailChannelId || null,
    continueBySmsChannelId: form.continueBySmsChannelId || null,
  };
  return {
    kind: 'web_widget' as const,
    name: form.name.trim(),
    flowId: form.flowId,
    allowedOrigins: form.origins
      .split(/[\s,]+/)
      .map((origin) => origin.trim())
      .filter(Boolean),
    config,
  };
}

/** The snippet a site owner pastes before </body>. */
export function embedSnippet(apiUrl: string, publicId: string): string {
  return `<script src="${apiUrl.replace(/\/$/, '')}/widget.js" data-channel="${publicId}" async></script>`;
}
