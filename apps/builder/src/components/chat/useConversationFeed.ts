'use client';

import { useEffect, useRef } from 'react';
import type { ConversationStatus, CustomerMessage } from '@/lib/api-types';
import { tokenContext } from '@/lib/conversation-token';
import { errorCode } from '@/lib/errors';
import { useTRPCClient } from '@/lib/trpc';

/** After this many failed connections in a row the page stops streaming and polls instead... */
const STREAM_ATTEMPTS = 3;
/** ...every 1.5 s while a person has the conversation... */
const HANDOFF_POLL_MS = 1500;
/** ...and, slowly, while the bot has it: an agent may still write alongside the bot. */
const BOT_POLL_MS = 5000;

export interface FeedHandlers {
  /** The highest message seq the page has: where a (re)connect or a poll continues from. */
  lastSeq: () => number;
  /** New messages and the conversation's status as of this reading. */
  onTranscript: (transcript: { status: ConversationStatus; messages: CustomerMessage[]; channel?: string }) => void;
  /** The conversation is gone (deleted, or the token no longer lets us in). */
  onGone: () => void;
}

/**
 * What the customer has not seen yet (agents' replies, the bot's messages after a teammate hands
 * back, resolved and the rating request), pushed by `conversations.stream` while the conversation
 * is open. The subscription link reconnects by itself and resumes after the last event id (the
 * last message seq), so nothing is lost; after repeated failed connections (a proxy that kills
 * server-sent events) it gives up and polls `messagesSince`.
 */
export function useConversationFeed(conversationId: string | null, token: string | null, status: ConversationStatus | null, handlers: FeedHandlers) {
  const client = useTRPCClient();
  const handlersRef = useRef(handlers);
  const statusRef = useRef(status);
  useEffect(() => {
    handlersRef.current = handlers;
    statusRef.current = status;
  });
  const open = status === 'active' || status === 'handoff';

  useEffect(() => {
    if (!conversationId || !token || !open) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    const poll = async () => {
      try {
        const result = await client.conversations.messagesSince.query({ conversationId, afterSeq: handlersRef.current.lastSeq() }, tokenContext(token));
        if (!cancelled) handlersRef.current.onTranscript(result);
      } catch (error) {
        if (!cancelled && errorCode(error) === 'NOT_FOUND') return handlersRef.current.onGone();
      }
      if (!cancelled) timer = setTimeout(() => void poll(), statusRef.current === 'handoff' ? HANDOFF_POLL_MS : BOT_POLL_MS);
    };
    const fallBack = () => {
      subscription.unsubscribe();
      if (!cancelled && timer === undefined) timer = setTimeout(() => void poll(), 0);
    };

    const subscription = client.conversations.stream.subscribe(
      { conversationId, lastEventId: String(handlersRef.current.lastSeq()) },
      {
        ...tokenContext(token),
        onData: ({ data }) => {
          failures = 0;
          handlersRef.current.onTranscript(data);
        },
        onError: (error) => {
          if (errorCode(error) === 'NOT_FOUND') return handlersRef.current.onGone();
          fallBack();
        },
        onConnectionStateChange: (state) => {
          if (state.state === 'connecting' && state.error && ++failures >= STREAM_ATTEMPTS) fallBack();
        },
      },
    );
    return () => {
      cancelled = true;
      subscription.unsubscribe();
      clearTimeout(timer);
    };
  }, [client, conversationId, token, open]);
}
