'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { presenceLabel } from '@/components/settings/PresenceDot';
import type { PresenceState } from '@/lib/api-types';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { useTRPC } from '@/lib/trpc';
import dots from '@/components/settings/teams.module.css';
import styles from './shell.module.css';

const OPTIONS = Object.keys(presenceLabel) as PresenceState[];

/**
 * Whether the signed-in person takes new conversations: Online, Away or Offline, with its
 * coloured dot. Read every minute, since the server turns an idle Online into Away.
 */
export function PresenceSwitch() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  // Auto-away and sign-outs elsewhere arrive as live updates; polled while they are down.
  const mine = useQuery({ ...trpc.presence.mine.queryOptions(), refetchInterval: useLiveRefetchInterval(60_000) });
  const set = useMutation(
    trpc.presence.set.mutationOptions({
      onSuccess: (result) => queryClient.setQueryData(trpc.presence.mine.queryKey(), result),
    }),
  );
  const presence = set.isPending && set.variables ? set.variables.presence : (mine.data?.presence ?? 'offline');
  return (
    <div className={styles.presence} data-testid="presence-switch" data-presence={presence}>
      <span className={dots.dot} data-presence={presence} aria-hidden="true" />
      <label htmlFor={id} className="sr-only">
        Your presence
      </label>
      <select
        id={id}
        className={`select ${styles.presenceSelect}`}
        value={presence}
        disabled={mine.isPending}
        onChange={(event) => set.mutate({ presence: event.target.value as PresenceState })}
        data-testid="presence-select"
      >
        {OPTIONS.map((option) => (
          <option key={option} value={option}>
            {presenceLabel[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
