'use client';

import { Icon } from '@parley/ui';
import type { ConversationNoteRow, Person } from '@/lib/api-types';
import { clockTime, fullDateTime } from '@/lib/format';
import styles from './notes.module.css';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The note's text with each `@Name` of a mentioned person marked. */
function withMentions(text: string, mentions: ConversationNoteRow['mentions']) {
  const names = mentions.map((person) => person.name).filter(Boolean);
  if (names.length === 0) return text;
  const pattern = new RegExp(`(@(?:${names.sort((a, b) => b.length - a.length).map(escape).join('|')}))`, 'g');
  return text.split(pattern).map((part, i) =>
    i % 2 === 1 ? (
      <mark key={i} className={styles.mention}>
        {part}
      </mark>
    ) : (
      part
    ),
  );
}

/**
 * A private note in the timeline: yellow and marked "Private note" (a whisper: "Whisper to …"),
 * so nobody mistakes it for something the customer saw.
 */
export function NoteItem({ note, me }: { note: ConversationNoteRow; me: Person | null }) {
  const whisper = note.kind === 'whisper';
  return (
    <div className={styles.note} data-kind={note.kind} data-testid={`note-${note.id}`} role="note" aria-label={whisper ? 'Whisper' : 'Private note'}>
      <div className={styles.noteMeta}>
        <Icon name={whisper ? 'headphones' : 'sticky-note'} size={12} />
        <span className={styles.noteAuthor}>
          {note.author.name}
          {me && note.author.id === me.id ? ' (you)' : null}
        </span>
        <span className={styles.noteTag} data-testid="note-tag">
          {whisper ? `Whisper to ${note.recipient?.id === me?.id ? 'you' : (note.recipient?.name ?? 'the agent')}` : 'Private note'}
        </span>
        <time dateTime={note.createdAt} title={fullDateTime(note.createdAt)}>
          {clockTime(note.createdAt)}
        </time>
      </div>
      <div className={styles.noteText}>{withMentions(note.text, note.mentions)}</div>
    </div>
  );
}
