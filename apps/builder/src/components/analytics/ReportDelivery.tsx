'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';

/** How a saved report is delivered: not at all, or daily / weekly to a webhook endpoint or to email addresses. */
export interface Delivery {
  every: '' | 'daily' | 'weekly';
  to: 'webhook' | 'email';
  webhookId: string;
  /** Addresses as typed: separated by commas, spaces or new lines. */
  emails: string;
}

export const NO_DELIVERY: Delivery = { every: '', to: 'webhook', webhookId: '', emails: '' };

const EVERY = { '': 'Not delivered', daily: 'Every day, 06:00 UTC', weekly: 'Every Monday, 06:00 UTC' } satisfies Record<Delivery['every'], string>;
const TO = { webhook: 'Webhook', email: 'Email' } satisfies Record<Delivery['to'], string>;

const addresses = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/** The schedule as reports.save takes it (null: not delivered or nowhere to deliver). */
export function scheduleOf(delivery: Delivery) {
  if (!delivery.every) return null;
  if (delivery.to === 'email') {
    const emails = addresses(delivery.emails);
    return emails.length ? { every: delivery.every, emails } : null;
  }
  return delivery.webhookId ? { every: delivery.every, webhookId: delivery.webhookId } : null;
}

/** A saved schedule back as the pickers show it. */
export function deliveryOf(schedule: { every: 'daily' | 'weekly'; webhookId?: string; emails?: string[] } | null): Delivery {
  if (!schedule) return NO_DELIVERY;
  return schedule.emails
    ? { ...NO_DELIVERY, every: schedule.every, to: 'email', emails: schedule.emails.join(', ') }
    : { ...NO_DELIVERY, every: schedule.every, webhookId: schedule.webhookId ?? '' };
}

/**
 * The delivery pickers: how often, then where. Email is offered when the deployment can send mail
 * (SMTP configured); webhooks only to who may see the workspace's endpoints.
 */
export function ReportDelivery({ value, onChange }: { value: Delivery; onChange: (next: Delivery) => void }) {
  const trpc = useTRPC();
  const mayUseWebhooks = useCan('webhooks:manage');
  const catalog = useQuery(trpc.reports.catalog.queryOptions());
  const endpoints = useQuery({ ...trpc.webhooks.list.queryOptions(), enabled: mayUseWebhooks });
  const mayEmail = catalog.data?.email === true;
  const ways = (Object.keys(TO) as Delivery['to'][]).filter((to) => (to === 'email' ? mayEmail : mayUseWebhooks));
  if (ways.length === 0) return null;
  const to = ways.includes(value.to) ? value.to : ways[0]!;
  const choices = endpoints.data ?? [];
  return (
    <>
      <label className={styles.filter}>
        <span className={styles.filterLabel}>Deliver</span>
        <select
          value={value.every}
          onChange={(event) => onChange({ ...value, to, every: event.target.value as Delivery['every'], webhookId: value.webhookId || choices[0]?.id || '' })}
          data-testid="report-delivery"
        >
          {(Object.keys(EVERY) as Delivery['every'][]).map((every) => (
            <option key={every} value={every}>
              {EVERY[every]}
            </option>
          ))}
        </select>
      </label>
      {value.every && ways.length > 1 ? (
        <label className={styles.filter}>
          <span className={styles.filterLabel}>By</span>
          <select value={to} onChange={(event) => onChange({ ...value, to: event.target.value as Delivery['to'] })} data-testid="report-delivery-by">
            {ways.map((way) => (
              <option key={way} value={way}>
                {TO[way]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {!value.every ? null : to === 'email' ? (
        <label className={`${styles.filter} ${styles.recipients}`}>
          <span className={styles.filterLabel}>To addresses</span>
          <input
            className={`input ${styles.nameInput}`}
            type="text"
            inputMode="email"
            placeholder="ops@example.com, lead@example.com"
            value={value.emails}
            onChange={(event) => onChange({ ...value, to, emails: event.target.value })}
            data-testid="report-delivery-emails"
          />
        </label>
      ) : choices.length > 0 ? (
        <label className={styles.filter}>
          <span className={styles.filterLabel}>To webhook</span>
          <select value={value.webhookId} onChange={(event) => onChange({ ...value, webhookId: event.target.value })} data-testid="report-delivery-endpoint">
            {choices.map((endpoint) => (
              <option key={endpoint.id} value={endpoint.id}>
                {endpoint.url}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className={styles.hint}>
          Add an endpoint under <Link href="/settings/webhooks">Webhooks</Link> first.
        </p>
      )}
    </>
  );
}
