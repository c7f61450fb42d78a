'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationStatus } from '@/lib/api-types';
import { acceptEcho, highestSeq, localEcho, mergeMessages, type ChatMessage } from '@/lib/chat-messages';
import { tokenContext } from '@/lib/conversation-token';
import { errorCode, errorMessage } from '@/lib/errors';
import { useTRPCClient } from '@/lib/trpc';
import { useChatConversation, type ChatConversation } from './useChatConversation';
import { useConversationFeed } from './useConversationFeed';

/** A customer message not yet recorded shows under `local-<client message id>`. */
export const LOCAL_PREFIX = 'local-';

export const isOpen = (status: ConversationStatus) => status === 'active' || status === 'handoff';

/**
 * The web chat's message list and how a customer message gets into it: the conversation
 * (useChatConversation), its live feed while it is open (useConversationFeed) and `sendText`,
 * which shows the message at once (a local echo) and replaces it with the recorded one.
 */
export function useChatMessages(flowId: string) {
  const client = useTRPCClient();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const showTranscript = useCallback((incoming: Parameters<typeof mergeMessages>[1]) => setMessages((current) => mergeMessages(current, incoming)), []);
  const chat = useChatConversation(flowId, showTranscript);
  const { conversation, setStatus } = chat;
  const send = useMutation({
    mutationFn: ({ token, ...input }: { token: string; conversationId: string; text: string; clientMessageId: string }) =>
      client.conversations.send.mutate(input, tokenContext(token)),
  });
  const [sendError, setSendError] = useState<string | null>(null);
  // Moved to email ("Continue by email"): the conversation goes on there, the composer is off.
  const [movedToEmail, setMovedToEmail] = useState(false);

  // What the conversation feed needs between renders: where to continue from, and whether a
  // `send` is in flight (its answer's status is then newer than the feed's).
  const messagesRef = useRef(messages);
  const sending = useRef(false);
  useEffect(() => {
    messagesRef.current = messages;
  }, [messages]);

  const status = conversation?.status ?? null;
  const conversationId = conversation?.id ?? null;
  const token = conversation?.token ?? null;

  // What the customer has not seen yet, pushed while the conversation is open (polled only
  // when streaming fails). A status read while a send was in flight is older than the send's.
  useConversationFeed(conversationId, token, status, {
    lastSeq: () => highestSeq(messagesRef.current),
    onTranscript: (result) => {
      setMessages((current) => mergeMessages(current, result.messages));
      if (result.channel === 'email') setMovedToEmail(true);
      if (conversationId && !sending.current) setStatus(conversationId, result.status);
    },
    onGone: () => {
      if (conversationId) setStatus(conversationId, 'closed');
    },
  });

  const ended = conversation !== null && !isOpen(conversation.status);

  /**
   * Sends a customer message: typed in the composer, picked from the quick replies, or a failed
   * one tried again. Each message carries its own client id (its echo's id without `local-`), so
   * a retry after a lost answer is recorded once and answered with the first replies.
   */
  async function sendText(text: string, failed?: ChatMessage) {
    if (ended || send.isPending || !text) return;
    setSendError(null);
    let target: ChatConversation;
    try {
      // The first message opens the conversation: nothing is started by merely opening the page.
      target = await chat.open();
    } catch {
      return; // shown from start.error
    }
    if (!isOpen(target.status)) return;
    const clientMessageId = failed ? failed.id.slice(LOCAL_PREFIX.length) : crypto.randomUUID();
    const echo = { id: `${LOCAL_PREFIX}${clientMessageId}`, text, createdAt: failed?.createdAt ?? new Date().toISOString() };
    const localId = echo.id;
    setMessages((current) =>
      failed
        ? current.map((m) => (m.id === localId ? { ...m, failed: false } : m))
        : [...current, localEcho(current, echo.id, echo.text, echo.createdAt)],
    );
    sending.current = true;
    send.mutate(
      { token: target.token, conversationId: target.id, text, clientMessageId },
      {
        onSuccess: (result) => {
          setStatus(target.id, result.status);
          // The customer's message as recorded numbers the echo exactly (older APIs: text match).
          setMessages((current) =>
            mergeMessages(result.accepted ? acceptEcho(current, echo, result.accepted) : current, result.replies),
          );
        },
        onError: (error) => {
          setMessages((current) => current.map((m) => (m.id === localId ? { ...m, failed: true } : m)));
          if (errorCode(error) === 'PRECONDITION_FAILED') {
            // The conversation ended meanwhile (e.g. resolved from the inbox).
            setStatus(target.id, 'closed');
          }
          setSendError(errorMessage(error));
        },
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  }

  /** Forgets this conversation and its messages; the next message starts a new one. */
  function forget() {
    chat.forget();
    setMessages([]);
    setSendError(null);
    send.reset();
  }

  return {
    chat,
    messages,
    send,
    sendError,
    movedToEmail,
    markMovedToEmail: () => setMovedToEmail(true),
    ended,
    sendText,
    forget,
  };
}
