'use client';

import { useId, useState, type FormEvent, type KeyboardEvent, type Ref } from 'react';
import { Icon } from '@/components/ui/Icon';
import type { ConversationStatus, Person } from '@/lib/api-types';
import { CannedList, UnfilledPlaceholders, useCannedSearch } from './CannedPicker';
import styles from './inbox.module.css';

const MAX_LENGTH = 4000;

/** A reply the agent sent that the stored transcript does not show yet. */
export type PendingReply = {
  localId: string;
  text: string;
  agentId: string;
  /** The last stored seq when it was sent: the stored copy comes after it. */
  afterSeq: number;
  error?: string;
};

/**
 * The agent's reply box under the transcript. Enter sends, Shift+Enter adds a line, Escape leaves
 * the box (and `r` anywhere in the conversation comes back to it). Closed once the conversation
 * has ended.
 */
export function ReplyComposer({
  ref,
  conversationId,
  status,
  me,
  onSend,
}: {
  ref: Ref<HTMLTextAreaElement>;
  conversationId: string;
  status: ConversationStatus;
  me: Person | null;
  onSend: (text: string) => void;
}) {
  const [draft, setDraft] = useState('');
  const [unfilled, setUnfilled] = useState<string[]>([]);
  const canned = useCannedSearch(draft, conversationId, (text, unknown) => {
    setDraft(text);
    setUnfilled(unknown);
  });
  const cannedListId = useId();
  const hintId = useId();
  const noteId = useId();
  const ended = status === 'resolved' || status === 'closed';
  const disabled = ended || !me;
  const canSend = !disabled && draft.trim().length > 0;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    onSend(draft.trim());
    setDraft('');
    setUnfilled([]);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!event.nativeEvent.isComposing && canned.onKey(event.key)) {
      event.preventDefault();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.currentTarget.blur();
    }
  }

  return (
    <form className={styles.composer} onSubmit={submit} data-testid="reply-composer" aria-label="Reply to the customer">
      {status === 'active' ? (
        <p id={noteId} className={styles.composerNote} data-testid="composer-note">
          <span className={styles.pulse} aria-hidden="true" />
          The bot is handling this conversation — replying will add your message alongside it.
        </p>
      ) : ended ? (
        <p id={noteId} className={styles.composerNote} data-testid="composer-note">
          <Icon name="check-circle" size={14} />
          This conversation is {status}. Replies are closed.
        </p>
      ) : null}
      <CannedList search={canned} listId={cannedListId} />
      <div className={styles.composerBox} data-disabled={disabled || undefined}>
        <textarea
          ref={ref}
          className={styles.composerInput}
          aria-label="Reply"
          aria-describedby={ended ? noteId : status === 'active' ? `${noteId} ${hintId}` : hintId}
          placeholder={
            ended ? 'Replies are closed' : me ? `Reply to the customer as ${me.name}…` : 'Loading…'
          }
          rows={2}
          maxLength={MAX_LENGTH}
          value={draft}
          disabled={disabled}
          aria-controls={canned.open ? cannedListId : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            if (unfilled.length > 0) setUnfilled(unfilled.filter((name) => event.target.value.includes(`{{${name}}}`)));
          }}
          onKeyDown={onKeyDown}
          data-testid="reply-input"
        />
        <button type="submit" className="btn btn-primary btn-sm" disabled={!canSend} aria-label="Send reply" data-testid="reply-send">
          <Icon name="send" size={13} />
          Send
        </button>
      </div>
      <UnfilledPlaceholders names={unfilled} />
      {ended ? null : (
        <p id={hintId} className={styles.composerHint}>
          <span>
            <kbd>Enter</kbd> send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line
          </span>
          <span>
            <kbd>/</kbd> canned · <kbd>R</kbd> reply · <kbd>?</kbd> shortcuts
          </span>
        </p>
      )}
    </form>
  );
}
