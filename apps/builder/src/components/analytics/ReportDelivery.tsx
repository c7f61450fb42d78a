'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';

/** How a saved report is delivered: not at all, or daily / weekly to one of the workspace's webhook endpoints. */
export interface Delivery {
  every: '' | 'daily' | 'weekly';
  webhookId: string;
}

export const NO_DELIVERY: Delivery = { every: '', webhookId: '' };

const EVERY = { '': 'Not delivered', daily: 'Every day, 06:00 UTC', weekly: 'Every Monday, 06:00 UTC' } satisfies Record<Delivery['every'], string>;

/** The schedule as reports.save takes it (null: not delivered). */
export const scheduleOf = (delivery: Delivery) => (delivery.every && delivery.webhookId ? { every: delivery.every, webhookId: delivery.webhookId } : null);

/** The delivery pickers: how often, and to which endpoint (only for who may see the workspace's webhooks). */
export function ReportDelivery({ value, onChange }: { value: Delivery; onChange: (next: Delivery) => void }) {
  const trpc = useTRPC();
  const mayUseWebhooks = useCan('webhooks:manage');
  const endpoints = useQuery({ ...trpc.webhooks.list.queryOptions(), enabled: mayUseWebhooks });
  if (!mayUseWebhooks) return null;
  const choices = endpoints.data ?? [];
  return (
    <>
      <label className={styles.filter}>
        <span className={styles.filterLabel}>Deliver</span>
        <select
          value={value.every}
          onChange={(event) => onChange({ every: event.target.value as Delivery['every'], webhookId: value.webhookId || choices[0]?.id || '' })}
          data-testid="report-delivery"
        >
          {(Object.keys(EVERY) as Delivery['every'][]).map((every) => (
            <option key={every} value={every}>
              {EVERY[every]}
            </option>
          ))}
        </select>
      </label>
      {value.every ? (
        choices.length > 0 ? (
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
        )
      ) : null}
    </>
  );
}
