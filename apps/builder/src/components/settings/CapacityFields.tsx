'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import type { MemberRow } from '@/lib/api-types';
import { useTRPC } from '@/lib/trpc';
import styles from './teams.module.css';

const CAPACITIES = Array.from({ length: 21 }, (_, index) => index);

/**
 * How many chats and calls a person works at once (routing offers no more; 0 takes them off
 * that channel). Saved as soon as it changes.
 */
export function CapacityFields({ member, onError }: { member: MemberRow; onError: (error: unknown) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { chat: useId(), call: useId() };
  const set = useMutation(
    trpc.members.setCapacity.mutationOptions({ onError, onSettled: () => void queryClient.invalidateQueries(trpc.members.list.queryFilter()) }),
  );
  const save = (change: { chatCapacity?: number; callCapacity?: number }) =>
    set.mutate({ userId: member.id, chatCapacity: member.chatCapacity, callCapacity: member.callCapacity, ...change });
  return (
    <span className={styles.capacity} data-testid="member-capacity">
      <label htmlFor={ids.chat}>Chats</label>
      <select
        id={ids.chat}
        className="select"
        value={member.chatCapacity}
        disabled={set.isPending}
        title={`Chats ${member.name} works at once`}
        onChange={(event) => save({ chatCapacity: Number(event.target.value) })}
        data-testid="member-chat-capacity"
      >
        {CAPACITIES.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
      <label htmlFor={ids.call}>Calls</label>
      <select
        id={ids.call}
        className="select"
        value={member.callCapacity}
        disabled={set.isPending}
        title={`Calls ${member.name} takes at once`}
        onChange={(event) => save({ callCapacity: Number(event.target.value) })}
        data-testid="member-call-capacity"
      >
        {CAPACITIES.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </span>
  );
}
