'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Icon } from '@/components/ui/Icon';
import type { BotReply, ConversationStatus } from '@/lib/api-types';
import { errorCode, errorMessage } from '@/lib/errors';
import { clockTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './chat.module.css';

const MAX_LENGTH = 4000;

type ChatMessage = {
  id: string;
  author: 'contact' | 'bot';
  text: string;
  createdAt: string;
  failed?: boolean;
};

const fromReply = (reply: BotReply): ChatMessage => ({
  id: reply.id,
  author: 'bot',
  text: reply.text,
  createdAt: reply.createdAt,
});

/**
 * The customer-facing web chat widget for one flow. Starts a conversation on load (on the flow's
 * published version), sends each message with `conversations.send` and shows the bot's replies.
 */
export function WebChat({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const flow = useQuery({ ...trpc.flows.get.queryOptions({ id: flowId }), refetchOnWindowFocus: false });
  const start = useMutation(trpc.conversations.start.mutationOptions());
  const send = useMutation(trpc.conversations.send.mutationOptions());

  const [conversation, setConversation] = useState<{ id: string; status: ConversationStatus } | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [draft, setDraft] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  const [session, setSession] = useState(0);
  const startedSession = useRef<number | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const errorId = useId();

  const { mutate: startMutate } = start;
  const begin = useCallback(() => {
    startMutate(
      { flowId },
      {
        onSuccess: (result) => {
          setConversation({ id: result.conversationId, status: result.status });
          setMessages(result.replies.map(fromReply));
          inputRef.current?.focus();
        },
      },
    );
  }, [flowId, startMutate]);

  // One conversation per session; the ref keeps React's dev double-effect from starting two.
  useEffect(() => {
    if (startedSession.current === session) return;
    startedSession.current = session;
    begin();
  }, [session, begin]);

  // Keep the newest message in view.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages, start.isPending, send.isPending]);

  const ended = conversation !== null && conversation.status !== 'active';
  const canSend = conversation !== null && !ended && !send.isPending && draft.trim().length > 0;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const text = draft.trim();
    if (!conversation || !canSend) return;
    const localId = `local-${Date.now()}`;
    setMessages((current) => [...current, { id: localId, author: 'contact', text, createdAt: new Date().toISOString() }]);
    setDraft('');
    setSendError(null);
    send.mutate(
      { conversationId: conversation.id, text },
      {
        onSuccess: (result) => {
          setConversation((current) => (current ? { ...current, status: result.status } : current));
          setMessages((current) => [...current, ...result.replies.map(fromReply)]);
        },
        onError: (error) => {
          setMessages((current) => current.map((m) => (m.id === localId ? { ...m, failed: true } : m)));
          if (errorCode(error) === 'PRECONDITION_FAILED') {
            // The conversation ended meanwhile (e.g. closed from elsewhere).
            setConversation((current) => (current ? { ...current, status: 'closed' } : current));
          }
          setSendError(errorMessage(error));
        },
      },
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  function startOver() {
    setConversation(null);
    setMessages([]);
    setDraft('');
    setSendError(null);
    start.reset();
    send.reset();
    setSession((s) => s + 1);
  }

  const typing = start.isPending || send.isPending;
  const flowName = flow.data?.name;

  return (
    <div className={styles.stage}>
      <div className={styles.intro}>
        <h1 className={styles.introTitle}>Web chat preview</h1>
        <p className={styles.introText}>
          {flowName ? (
            <>
              Chatting with <strong>{flowName}</strong>
              {flow.data?.published ? ` (published v${flow.data.published.version})` : ''}.{' '}
            </>
          ) : null}
          This is the widget as a customer sees it. Every conversation shows up live in the{' '}
          <Link href={conversation ? `/inbox/${conversation.id}` : '/inbox'} className={styles.link}>
            inbox
          </Link>
          .
        </p>
      </div>

      <section className={styles.widget} aria-label="Web chat" data-testid="web-chat">
        <header className={styles.widgetHeader}>
          <span className={styles.avatar} aria-hidden="true">
            <Icon name="bot" size={18} />
          </span>
          <div className={styles.widgetTitles}>
            <h2 className={styles.widgetTitle}>{flowName ?? 'Parley'}</h2>
            <p className={styles.widgetSubtitle}>
              {ended
                ? 'Conversation ended'
                : conversation
                  ? 'Online · replies instantly'
                  : start.isError
                    ? 'Offline'
                    : 'Connecting…'}
            </p>
          </div>
          <button
            type="button"
            className={styles.headerButton}
            onClick={startOver}
            disabled={start.isPending}
            data-testid="start-over"
          >
            <Icon name="rotate-ccw" size={14} />
            Start over
          </button>
        </header>

        <div
          ref={logRef}
          className={styles.log}
          role="log"
          aria-live="polite"
          aria-label="Conversation"
          aria-busy={typing}
          data-testid="chat-log"
        >
          {messages.map((message) => (
            <div
              key={message.id}
              className={styles.row}
              data-author={message.author}
              data-testid={`chat-message-${message.author}`}
            >
              <div className={styles.bubble} data-failed={message.failed || undefined}>
                <span className="sr-only">{message.author === 'bot' ? 'Assistant: ' : 'You: '}</span>
                {message.text}
              </div>
              <time className={styles.time} dateTime={message.createdAt}>
                {message.failed ? 'Not delivered' : clockTime(message.createdAt)}
              </time>
            </div>
          ))}

          {typing ? (
            <div className={styles.row} data-author="bot" data-testid="typing-indicator">
              <div className={`${styles.bubble} ${styles.typing}`} role="status" aria-label="Assistant is typing">
                <span />
                <span />
                <span />
              </div>
            </div>
          ) : null}

          {start.isError ? (
            <div className={styles.notice} role="alert" data-testid="chat-start-error">
              <Icon name="alert-circle" size={16} />
              <div>
                <p className={styles.noticeTitle}>Could not start the conversation</p>
                <p>{errorMessage(start.error)}</p>
                <div className={styles.noticeActions}>
                  <button type="button" className="btn btn-sm" onClick={startOver}>
                    Try again
                  </button>
                  <Link href={`/flows/${flowId}`} className="btn btn-sm btn-ghost">
                    {errorCode(start.error) === 'PRECONDITION_FAILED' ? 'Open the flow to publish it' : 'Open the flow'}
                  </Link>
                </div>
              </div>
            </div>
          ) : null}

          {ended ? (
            <div className={styles.ended} data-testid="chat-ended">
              <span>Conversation ended</span>
              <span className={styles.endedStatus}>{conversation.status}</span>
            </div>
          ) : null}
        </div>

        <form className={styles.composer} onSubmit={submit}>
          {sendError ? (
            <p id={errorId} className={styles.sendError} role="alert">
              {sendError}
            </p>
          ) : null}
          {ended ? (
            <button type="button" className={`btn btn-primary ${styles.startOver}`} onClick={startOver}>
              <Icon name="rotate-ccw" size={14} />
              Start a new conversation
            </button>
          ) : (
            <div className={styles.inputRow}>
              <textarea
                ref={inputRef}
                className={styles.input}
                aria-label="Message"
                aria-describedby={sendError ? errorId : undefined}
                placeholder={conversation ? 'Write a message…' : start.isError ? 'Chat unavailable' : 'Connecting…'}
                rows={1}
                maxLength={MAX_LENGTH}
                value={draft}
                disabled={!conversation}
                onChange={(event) => setDraft(event.target.value)}
                onKeyDown={onKeyDown}
                data-testid="chat-input"
              />
              <button type="submit" className={styles.send} disabled={!canSend} aria-label="Send" data-testid="chat-send">
                <Icon name="send" size={16} />
              </button>
            </div>
          )}
          <p className={styles.poweredBy}>Powered by Parley</p>
        </form>
      </section>
    </div>
  );
}
