'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { tokenContext } from '@/lib/conversation-token';
import { errorMessage } from '@/lib/errors';
import { useTRPCClient } from '@/lib/trpc';
import styles from './chat.module.css';

/**
 * "Continue by email" under the web chat's log, as the embeddable widget has it: a link, then a
 * small address form; once the API has moved the conversation (same workflow and variables,
 * see packages/channels/README.md) the chat says it goes on by email and the composer is off.
 */
export function ContinueByEmail({ conversationId, token, moved, onMoved }: { conversationId: string; token: string; moved: boolean; onMoved: () => void }) {
  const client = useTRPCClient();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const move = useMutation({
    mutationFn: () => client.conversations.continueByEmail.mutate({ conversationId, email }, tokenContext(token)),
    onSuccess: () => {
      setOpen(false);
      onMoved();
    },
  });
  if (moved) {
    return (
      <div className={styles.continued} role="status" data-testid="chat-continued">
        This conversation continues by email: reply to our email to go on.
      </div>
    );
  }
  if (!open) {
    return (
      <button type="button" className={`btn btn-sm btn-ghost ${styles.continueLink}`} onClick={() => setOpen(true)} data-testid="chat-continue-email">
        Continue by email
      </button>
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    move.mutate();
  }
  return (
    <form className={styles.continueForm} onSubmit={submit} data-testid="chat-email-form">
      <label>
        Your email
        <input className="input" type="email" required maxLength={254} autoComplete="email" autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
      </label>
      {move.error ? (
        <p className={styles.sendError} role="alert">
          {errorMessage(move.error)}
        </p>
      ) : null}
      <div className={styles.continueActions}>
        <button type="submit" className="btn btn-sm btn-primary" disabled={move.isPending}>
          Continue by email
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
