'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BotReply, ConversationStatus, CustomerMessage } from '@/lib/api-types';
import { browserStorage, forgetChat, readChat, writeChat } from '@/lib/chat-session';
import { tokenContext } from '@/lib/conversation-token';
import { errorStatus } from '@/lib/errors';
import { useTRPCClient } from '@/lib/trpc';

export interface ChatConversation {
  id: string;
  status: ConversationStatus;
  /** The customer's proof that the conversation is theirs; sent with each of its calls. */
  token: string;
}

/**
 * The web chat's conversation: resumed from this browser's storage on load (transcript and a
 * fresh token), started only when the customer first writes (`open`), forgotten on request. A
 * stored conversation the API no longer lets us into (expired token, deleted) is forgotten.
 */
export function useChatConversation(flowId: string, onTranscript: (messages: readonly (CustomerMessage | BotReply)[]) => void) {
  const client = useTRPCClient();
  const [conversation, setConversation] = useState<ChatConversation | null>(null);
  const [restoring, setRestoring] = useState(true);
  const [resumeError, setResumeError] = useState<unknown>(null);
  const onTranscriptRef = useRef(onTranscript);
  useEffect(() => {
    onTranscriptRef.current = onTranscript;
  }, [onTranscript]);

  const remember = useCallback(
    (next: ChatConversation) => {
      setConversation(next);
      writeChat(browserStorage(), flowId, { conversationId: next.id, token: next.token });
    },
    [flowId],
  );

  const resume = useCallback(async () => {
    const stored = readChat(browserStorage(), flowId);
    if (!stored) return setRestoring(false);
    setRestoring(true);
    setResumeError(null);
    try {
      const result = await client.conversations.resume.mutate({ conversationId: stored.conversationId }, tokenContext(stored.token));
      remember({ id: stored.conversationId, status: result.status, token: result.token });
      onTranscriptRef.current(result.messages);
    } catch (error) {
      const status = errorStatus(error);
      // Not ours any more (expired, another browser's, gone): a new conversation starts on the next message.
      if (status !== undefined && status >= 400 && status < 500) forgetChat(browserStorage(), flowId);
      else setResumeError(error);
    } finally {
      setRestoring(false);
    }
  }, [client, flowId, remember]);

  // Once per page; the ref keeps React's dev double-effect from resuming twice.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current) return;
    resumed.current = true;
    void resume();
  }, [resume]);

  const start = useMutation({
    mutationFn: () => client.conversations.start.mutate({ flowId }),
    onSuccess: (result) => {
      remember({ id: result.conversationId, status: result.status, token: result.token });
      onTranscriptRef.current(result.replies);
    },
  });

  /** The open conversation, starting one first when there is none. */
  const { mutateAsync: startAsync } = start;
  const open = useCallback(async (): Promise<ChatConversation> => {
    if (conversation) return conversation;
    const result = await startAsync();
    return { id: result.conversationId, status: result.status, token: result.token };
  }, [conversation, startAsync]);

  const setStatus = useCallback((id: string, status: ConversationStatus) => {
    setConversation((current) => (current && current.id === id && current.status !== status ? { ...current, status } : current));
  }, []);

  /** Forgets the conversation: the next message starts a new one. */
  const { reset: resetStart } = start;
  const forget = useCallback(() => {
    forgetChat(browserStorage(), flowId);
    setConversation(null);
    setResumeError(null);
    resetStart();
  }, [flowId, resetStart]);

  return { conversation, restoring, resumeError, retryResume: resume, start, open, setStatus, forget };
}
