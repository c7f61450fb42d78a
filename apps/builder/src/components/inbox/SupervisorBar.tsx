'use client';

import { useMutation } from '@tanstack/react-query';
import { Icon } from '@parley/ui';
import type { Assignee } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './notes.module.css';

/**
 * A supervisor's tools on a live conversation: take it over (it is assigned to them), and a word
 * on what the composer does for them (replies barge in, Whisper reaches the agent alone).
 */
export function SupervisorBar({
  conversationId,
  botHasIt,
  assignee,
  meId,
  onDone,
}: {
  conversationId: string;
  /** The bot still has it: a take-over stops the bot at its next wait. */
  botHasIt: boolean;
  assignee: Assignee | null;
  meId: string | null;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const takeOver = useMutation(trpc.supervise.takeOver.mutationOptions({ onSuccess: onDone }));
  const mine = assignee !== null && assignee.id === meId;
  return (
    <div className={styles.supervisorBar} data-testid="supervisor-bar">
      <Icon name="headset" size={14} />
      <span className={styles.supervisorText}>
        {mine
          ? 'You have this conversation.'
          : assignee
            ? `${assignee.name} has this conversation: whisper to them, or barge in with a reply.`
            : botHasIt
              ? 'The bot has this conversation.'
              : 'Nobody has this conversation yet: it waits in the queue.'}
      </span>
      {mine ? null : (
        <button type="button" className="btn btn-sm" disabled={takeOver.isPending} onClick={() => takeOver.mutate({ conversationId })} data-testid="take-over">
          <Icon name="user-check" size={13} />
          Take over
        </button>
      )}
      {takeOver.error ? (
        <span className={styles.noteError} role="alert">
          Could not take over: {errorMessage(takeOver.error)}
        </span>
      ) : null}
    </div>
  );
}
