'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Icon, Popover } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { LabelChip } from './LabelChip';
import styles from './labels.module.css';

/**
 * The conversation's labels as chips under its name, and a picker to add or take them off.
 * `open` lets the inbox's `l` shortcut open the picker.
 */
export function ConversationLabels({ conversationId, canWork, open, onOpenChange }: { conversationId: string; canWork: boolean; open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.labels.ofConversation.queryOptions({ conversationId }));
  const all = useQuery({ ...trpc.labels.list.queryOptions(), enabled: open });
  const set = useMutation(
    trpc.labels.setOnConversation.mutationOptions({
      onSettled: () => void queryClient.invalidateQueries(trpc.labels.ofConversation.queryFilter({ conversationId })),
    }),
  );
  const on = new Set((current.data ?? []).map((label) => label.id));
  const toggle = (labelId: string, next: boolean) => set.mutate({ conversationId, labelId, on: next });

  return (
    <div className={styles.labels} data-testid="conversation-labels">
      {(current.data ?? []).map((label) => (
        <LabelChip key={label.id} label={label} onRemove={canWork ? () => toggle(label.id, false) : undefined} />
      ))}
      {canWork ? (
        <Popover
          open={open}
          onOpenChange={onOpenChange}
          label="Labels"
          className={styles.picker}
          testId="label-picker"
          trigger={
            <button type="button" className="btn btn-sm btn-ghost" data-testid="label-picker-toggle">
              <Icon name="tag" size={13} />
              {on.size === 0 ? 'Add label' : 'Labels'}
            </button>
          }
        >
          {all.data?.length === 0 ? <p className={styles.pickerEmpty}>No labels yet: an admin adds them in Settings → Labels.</p> : null}
          {all.data?.map((label) => (
            <label key={label.id} className={styles.pickerItem}>
              <input type="checkbox" checked={on.has(label.id)} onChange={(event) => toggle(label.id, event.target.checked)} />
              <LabelChip label={label} />
            </label>
          ))}
          {set.error ? (
            <p className={styles.pickerError} role="alert">
              {errorMessage(set.error)}
            </p>
          ) : null}
        </Popover>
      ) : null}
    </div>
  );
}
