'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** Notes are written by people, not the workflow: a modest refresh shows colleagues' notes soon enough. */
const NOTES_REFRESH_MS = 3000;

/** The conversation's private notes and whispers the signed-in person may read, oldest first. */
export function useConversationNotes(conversationId: string) {
  const trpc = useTRPC();
  const notes = useQuery({ ...trpc.notes.list.queryOptions({ conversationId }), refetchInterval: NOTES_REFRESH_MS });
  return notes.data ?? [];
}

/**
 * Writes a note (with its mentions) or, for a supervisor, a whisper to the assigned agent; the
 * note list refreshes as soon as the server has it (both are stored before the call returns).
 */
export function useNoteSender(conversationId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries(trpc.notes.list.queryFilter({ conversationId }));
  const addNote = useMutation(trpc.notes.add.mutationOptions({ onSuccess }));
  const whisper = useMutation(trpc.supervise.whisper.mutationOptions({ onSuccess }));
  return {
    send(kind: 'note' | 'whisper', text: string, mentions: string[], onDone: () => void) {
      if (kind === 'whisper') whisper.mutate({ conversationId, text }, { onSuccess: onDone });
      else addNote.mutate({ conversationId, text, mentions }, { onSuccess: onDone });
    },
    pending: addNote.isPending || whisper.isPending,
    error: addNote.error ?? whisper.error,
    reset() {
      addNote.reset();
      whisper.reset();
    },
  };
}
