'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationStatus } from '@/lib/api-types';
import { acceptEcho, highestSeq, localEcho, mergeMessages, type ChatMessage } from '@/lib/chat-messages';
import { tokenContext } from '@/lib/conversation-token';
import { useTRPC, useTRPCClient } from '@/lib/trpc';

/** How often the panel re-reads the path and the transcript while a test runs. */
const POLL_MS = 800;

/** Canned answers by node id, as simulator.start takes them. */
export type CannedAnswers = Record<string, { status: number; body: unknown } | { output: Record<string, unknown> }>;

interface TestConversation {
  id: string;
  token: string;
  status: ConversationStatus;
}

const isOpen = (status: ConversationStatus) => status === 'active' || status === 'handoff';

/**
 * One test conversation of the draft at a time: started (after saving the canvas when it has
 * edits), chatted with through the customer procedures with its token, its path and transcript
 * polled while it is open, stopped on restart and when the panel closes.
 */
export function useSimulator(
  flowId: string,
  saveFirst: () => Promise<boolean>,
  onTrace: (steps: readonly { nodeId: string; outcome: string | null }[]) => void,
) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [conversation, setConversation] = useState<TestConversation | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const current = useRef<TestConversation | null>(null);
  useEffect(() => {
    current.current = conversation;
  }, [conversation]);

  const live = conversation !== null && isOpen(conversation.status);
  const trace = useQuery({
    ...trpc.simulator.trace.queryOptions({ conversationId: conversation?.id ?? '' }),
    enabled: conversation !== null,
    // Until the trace itself says the conversation ended: its last read has the final steps.
    refetchInterval: (query) => (query.state.data && !isOpen(query.state.data.status) ? false : POLL_MS),
  });

  const steps = trace.data?.steps;
  useEffect(() => onTrace(steps ?? []), [steps, onTrace]);

  // Messages the flow sends on its own (after a skipped wait) arrive by polling, as in the web chat.
  const messagesRef = useRef(messages);
  useEffect(() => {
    messagesRef.current = messages;
  }, [messages]);
  useEffect(() => {
    if (!conversation || !live) return;
    const { id, token } = conversation;
    const timer = setInterval(() => {
      client.conversations.messagesSince
        .query({ conversationId: id, afterSeq: highestSeq(messagesRef.current) }, tokenContext(token))
        .then((result) => {
          setMessages((shown) => mergeMessages(shown, result.messages));
          setConversation((open) => (open && open.id === id && open.status !== result.status ? { ...open, status: result.status } : open));
        })
        .catch(() => undefined); // the next tick tries again
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [client, conversation, live]);

  const stop = useCallback(() => {
    const open = current.current;
    if (open && isOpen(open.status)) void client.simulator.stop.mutate({ conversationId: open.id }).catch(() => undefined);
  }, [client]);
  // Closing the panel (or leaving the editor) ends the test conversation.
  useEffect(() => stop, [stop]);

  /** Saves the draft, ends the previous test and opens a new one, typed (web) or called (voice). */
  const open = useCallback(
    async (canned: CannedAnswers, channel: 'web' | 'voice') => {
      if (!(await saveFirst())) throw new Error('Save the draft first: it has problems that keep it from being saved.');
      stop();
      setConversation(null);
      setMessages([]);
      const result = await client.simulator.start.mutate({ flowId, canned, channel });
      setConversation({ id: result.conversationId, token: result.token, status: result.status });
      setMessages((shown) => mergeMessages(shown, result.replies));
      return result;
    },
    [client, flowId, saveFirst, stop],
  );
  const start = useMutation({ mutationFn: (canned: CannedAnswers) => open(canned, 'web') });
  /** A call to the draft: the call panel talks to it through the voice gateway; the path lights up as in a chat. */
  const call = useCallback((canned: CannedAnswers) => open(canned, 'voice'), [open]);

  /** Takes over a test started elsewhere: "re-run from this step" on a conversation's path. */
  const adopt = useCallback(
    (started: { conversationId: string; token: string; status: ConversationStatus; replies: Parameters<typeof mergeMessages>[1] }) => {
      stop();
      setMessages(mergeMessages([], started.replies));
      setConversation({ id: started.conversationId, token: started.token, status: started.status });
    },
    [stop],
  );

  const send = useMutation({
    mutationFn: async (text: string) => {
      if (!conversation) throw new Error('Start a test first.');
      const clientMessageId = crypto.randomUUID();
      const echo = localEcho(messagesRef.current, `local-${clientMessageId}`, text, new Date().toISOString());
      setMessages((shown) => [...shown, echo]);
      const turn = await client.conversations.send.mutate(
        { conversationId: conversation.id, text, clientMessageId },
        tokenContext(conversation.token),
      );
      setMessages((shown) => {
        const accepted = turn.accepted ? acceptEcho(shown, echo, turn.accepted) : shown;
        return mergeMessages(accepted, turn.replies);
      });
      setConversation((open) => (open && open.id === conversation.id ? { ...open, status: turn.status } : open));
    },
  });

  const skip = useMutation({
    mutationFn: () => {
      if (!conversation) throw new Error('Start a test first.');
      return client.simulator.skip.mutate({ conversationId: conversation.id });
    },
    onSuccess: () => void trace.refetch(),
  });

  return { conversation, live, messages, trace: trace.data ?? null, start, call, adopt, send, skip };
}
