import type { Assignee, ConversationDetail, ConversationStatus } from '@/lib/api-types';

/** Shown on top of the server's data until the server agrees (or use-conversation-actions' OPTIMISTIC_MS pass). */
export type Optimistic =
  | { kind: 'assign'; assignee: Assignee | null; team?: string; until: number }
  | { kind: 'status'; action: 'resolve' | 'handBack'; from: ConversationStatus; until: number };

export function confirmed(conversation: ConversationDetail, optimistic: Optimistic): boolean {
  if (optimistic.kind === 'status') return conversation.status !== optimistic.from;
  return (
    (conversation.assignee?.id ?? null) === (optimistic.assignee?.id ?? null) &&
    (optimistic.team === undefined || conversation.team === optimistic.team)
  );
}
