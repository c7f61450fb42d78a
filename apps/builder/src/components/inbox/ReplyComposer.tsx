'use client';

import { useId, useState, type FormEvent, type KeyboardEvent, type Ref, type SyntheticEvent } from 'react';
import { Icon } from '@parley/ui';
import type { ConversationStatus, Person } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { CannedList, UnfilledPlaceholders, useCannedSearch } from './CannedPicker';
import { ComposerModes, type ComposerMode } from './ComposerModes';
import { MentionList, useMentionSearch } from './MentionPicker';
import { useNoteSender } from './use-conversation-notes';
import styles from './inbox.module.css';
import noteStyles from './notes.module.css';

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
 * The box under the transcript, in three modes (like Chatwoot's Reply/Private note): a reply to
 * the customer, a private note with `@` mentions, and, for a supervisor on an agent's live
 * conversation, a whisper to that agent. Enter sends, Shift+Enter adds a line, Escape leaves the
 * box (and `r` anywhere in the conversation comes back to it). Replies close when the
 * conversation ends; notes stay open.
 */
export function ReplyComposer({
  ref,
  conversationId,
  status,
  me,
  people,
  supervising,
  onSend,
}: {
  ref: Ref<HTMLTextAreaElement>;
  conversationId: string;
  status: ConversationStatus;
  me: Person | null;
  people: Person[];
  /** Set when the signed-in supervisor looks at a live conversation another agent has: replies barge in, whispers reach the agent. */
  supervising: { agentName: string } | null;
  onSend: (text: string) => void;
}) {
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [draft, setDraft] = useState('');
  const [caret, setCaret] = useState(0);
  const [unfilled, setUnfilled] = useState<string[]>([]);
  const [mentioned, setMentioned] = useState<Person[]>([]);
  const notes = useNoteSender(conversationId);
  const effectiveMode = mode === 'whisper' && !supervising ? 'note' : mode;
  const canned = useCannedSearch(effectiveMode === 'reply' ? draft : '', conversationId, (text, unknown) => {
    setDraft(text);
    setUnfilled(unknown);
  });
  const mentions = useMentionSearch({
    enabled: effectiveMode === 'note',
    draft,
    caret,
    people,
    me,
    onInsert: (text, at, person) => {
      setDraft(text);
      setCaret(at);
      setMentioned((current) => (current.some((p) => p.id === person.id) ? current : [...current, person]));
    },
  });
  const listId = useId();
  const hintId = useId();
  const noteId = useId();
  const ended = status === 'resolved' || status === 'closed';
  const disabled = !me || (effectiveMode === 'reply' && ended) || notes.pending;
  const canSend = !disabled && draft.trim().length > 0;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    const text = draft.trim();
    const clear = () => {
      setDraft('');
      setUnfilled([]);
      setMentioned([]);
    };
    if (effectiveMode === 'reply') {
      onSend(text);
      clear();
      return;
    }
    // Only the people whose @Name is still in the text are mentioned.
    const ids = mentioned.filter((person) => text.includes(`@${person.name}`)).map((person) => person.id);
    notes.send(effectiveMode, text, ids, clear);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!event.nativeEvent.isComposing && (canned.onKey(event.key) || mentions.onKey(event.key))) {
      event.preventDefault();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.currentTarget.blur();
    }
  }
  const trackCaret = (event: SyntheticEvent<HTMLTextAreaElement>) => setCaret(event.currentTarget.selectionStart);

  const placeholder = !me
    ? 'Loading…'
    : effectiveMode === 'note'
      ? 'Private note for the team: type @ to mention someone…'
      : effectiveMode === 'whisper'
        ? `Whisper to ${supervising?.agentName}: only they and supervisors see it…`
        : ended
          ? 'Replies are closed'
          : `Reply to the customer as ${me.name}…`;

  return (
    <form className={styles.composer} onSubmit={submit} data-testid="reply-composer" data-mode={effectiveMode} aria-label={effectiveMode === 'reply' ? 'Reply to the customer' : 'Private note'}>
      <ComposerModes mode={effectiveMode} canWhisper={supervising !== null} onChange={(next) => {
          setMode(next);
          notes.reset();
        }} />
      {effectiveMode !== 'reply' ? null : status === 'active' ? (
        <p id={noteId} className={styles.composerNote} data-testid="composer-note">
          <span className={styles.pulse} aria-hidden="true" />
          The bot is handling this conversation — replying will add your message alongside it.
        </p>
      ) : ended ? (
        <p id={noteId} className={styles.composerNote} data-testid="composer-note">
          <Icon name="check-circle" size={14} />
          This conversation is {status}. Replies are closed; notes stay open.
        </p>
      ) : supervising ? (
        <p id={noteId} className={styles.composerNote} data-testid="composer-note">
          <Icon name="headset" size={14} />
          Barge in: your reply goes to the customer under your name; {supervising.agentName} stays assigned.
        </p>
      ) : null}
      {notes.error ? (
        <p className={noteStyles.noteError} role="alert" data-testid="note-error">
          Not saved: {errorMessage(notes.error)}
        </p>
      ) : null}
      <CannedList search={canned} listId={listId} />
      <MentionList search={mentions} listId={listId} />
      <div className={effectiveMode === 'reply' ? styles.composerBox : `${styles.composerBox} ${noteStyles.noteBox}`} data-disabled={disabled || undefined}>
        <textarea
          ref={ref}
          className={styles.composerInput}
          aria-label={effectiveMode === 'reply' ? 'Reply' : effectiveMode === 'note' ? 'Private note' : 'Whisper'}
          aria-describedby={effectiveMode === 'reply' && (ended || status === 'active' || supervising) ? `${noteId} ${hintId}` : hintId}
          placeholder={placeholder}
          rows={2}
          maxLength={MAX_LENGTH}
          value={draft}
          disabled={disabled}
          aria-controls={canned.open || mentions.open ? listId : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            trackCaret(event);
            if (unfilled.length > 0) setUnfilled(unfilled.filter((name) => event.target.value.includes(`{{${name}}}`)));
          }}
          onSelect={trackCaret}
          onKeyDown={onKeyDown}
          data-testid="reply-input"
        />
        <button
          type="submit"
          className={effectiveMode === 'reply' ? 'btn btn-primary btn-sm' : `btn btn-sm ${noteStyles.noteButton}`}
          disabled={!canSend}
          aria-label={effectiveMode === 'reply' ? 'Send reply' : effectiveMode === 'note' ? 'Add note' : 'Send whisper'}
          data-testid="reply-send"
        >
          <Icon name={effectiveMode === 'reply' ? 'send' : effectiveMode === 'note' ? 'sticky-note' : 'headphones'} size={13} />
          {effectiveMode === 'reply' ? 'Send' : effectiveMode === 'note' ? 'Add note' : 'Whisper'}
        </button>
      </div>
      <UnfilledPlaceholders names={unfilled} />
      {effectiveMode === 'reply' && ended ? null : (
        <p id={hintId} className={styles.composerHint}>
          <span>
            <kbd>Enter</kbd> send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line
          </span>
          <span>{effectiveMode === 'note' ? <><kbd>@</kbd> mention · </> : effectiveMode === 'reply' ? <><kbd>/</kbd> canned · </> : null}<kbd>R</kbd> reply · <kbd>?</kbd> shortcuts</span>
        </p>
      )}
    </form>
  );
}
