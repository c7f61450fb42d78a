'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CallPanel } from '@/components/call/CallPanel';
import { Icon } from '@parley/ui';
import type { ConversationStatus } from '@/lib/api-types';
import {
  acceptEcho,
  highestSeq,
  localEcho,
  mergeMessages,
  quickReplyOffer,
  type ChatAuthor,
  type ChatMessage,
} from '@/lib/chat-messages';
import { errorCode, errorMessage } from '@/lib/errors';
import { clockTime } from '@/lib/format';
import { tokenContext } from '@/lib/conversation-token';
import { useMe } from '@/lib/session';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import styles from './chat.module.css';
import { ChatAttachment, ChatSources, QuickReplies } from './MessageExtras';
import { ContinueByEmail } from './ContinueByEmail';
import { useChatConversation, type ChatConversation } from './useChatConversation';
import { useConversationFeed } from './useConversationFeed';

const MAX_LENGTH = 4000;
/** A customer message not yet recorded shows under `local-<client message id>`. */
const LOCAL_PREFIX = 'local-';

/** How each author is named to the customer (and to screen readers). */
const authorLabel = {
  contact: 'You',
  bot: 'Assistant',
  agent: 'Support team',
} satisfies Record<ChatAuthor, string>;

const isOpen = (status: ConversationStatus) => status === 'active' || status === 'handoff';

/**
 * The customer-facing web chat widget for one flow. Resumes this browser's conversation on load,
 * else starts one (on the flow's published version) when the customer first writes; sends each
 * message with `conversations.send` (with the conversation's token) and shows the replies. While
 * the conversation is open it follows `conversations.stream` for the agent's messages
 * (useConversationFeed). The bot's latest quick replies are buttons (a rating row
 * for a "1".."N" set) that send their text like a typed message; attachments show under bubbles.
 */
export function WebChat({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const me = useMe();
  // The flow's name and version, for a teammate previewing it; a customer has no access to flows.
  const flow = useQuery({ ...trpc.flows.get.queryOptions({ id: flowId }), enabled: Boolean(me.data?.active), refetchOnWindowFocus: false });
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const showTranscript = useCallback((incoming: Parameters<typeof mergeMessages>[1]) => setMessages((current) => mergeMessages(current, incoming)), []);
  const chat = useChatConversation(flowId, showTranscript);
  const { conversation, start, setStatus } = chat;
  const send = useMutation({
    mutationFn: ({ token, ...input }: { token: string; conversationId: string; text: string; clientMessageId: string }) =>
      client.conversations.send.mutate(input, tokenContext(token)),
  });

  const [draft, setDraft] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  // Moved to email ("Continue by email"): the conversation goes on there, the composer is off.
  const [movedToEmail, setMovedToEmail] = useState(false);
  // Call mode: a spoken conversation (its own voice conversation) in place of the log.
  const [calling, setCalling] = useState(false);
  const callButtonRef = useRef<HTMLButtonElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const errorId = useId();

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

  // Keep the newest message in view.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages, start.isPending, send.isPending, status]);

  const ended = conversation !== null && !isOpen(conversation.status);
  const withPerson = status === 'handoff';
  const ready = !chat.restoring && !start.isPending && !chat.resumeError;
  const canSend = ready && !ended && !movedToEmail && !send.isPending && draft.trim().length > 0;
  // Quick replies: the bot's latest offer, while the bot has the conversation and nobody answered.
  const offer = status === 'active' ? quickReplyOffer(messages) : null;
  // Shown under the last bot message (only failed, unsent messages of the customer can follow it).
  const lastBotIndex = messages.findLastIndex((message) => message.author === 'bot');

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

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    void sendText(draft.trim());
    setDraft('');
    // Sent with the button: the next message is typed in the composer again.
    inputRef.current?.focus();
  }

  function pickQuickReply(text: string) {
    void sendText(text);
    // The buttons go away with the answer: keep the keyboard user in the composer.
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  /** Forgets this conversation; the next message starts a new one. */
  function startOver() {
    chat.forget();
    setMessages([]);
    setDraft('');
    setSendError(null);
    send.reset();
    inputRef.current?.focus();
  }

  // The bot "types" while a call is pending; a person's replies just arrive.
  const typing = start.isPending || chat.restoring || (send.isPending && !withPerson);
  const flowName = flow.data?.name;

  return (
    <div className={styles.stage}>
      {me.data?.active ? (
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
      ) : null}

      <section className={styles.widget} aria-label="Web chat" data-testid="web-chat" data-status={status ?? undefined}>
        <header className={styles.widgetHeader}>
          <span className={styles.avatar} aria-hidden="true">
            <Icon name={withPerson ? 'headset' : 'bot'} size={18} />
          </span>
          <div className={styles.widgetTitles}>
            <h2 className={styles.widgetTitle}>{flowName ?? 'Parley'}</h2>
            <p className={styles.widgetSubtitle}>
              {ended
                ? 'Conversation ended'
                : withPerson
                  ? 'Our team is on it'
                  : start.isError
                    ? 'Offline'
                    : chat.restoring
                      ? 'Connecting…'
                      : 'Online · replies instantly'}
            </p>
          </div>
          <button
            ref={callButtonRef}
            type="button"
            className={styles.headerButton}
            onClick={() => setCalling(true)}
            disabled={calling || (flow.data !== undefined && !flow.data.published)}
            aria-label="Call (voice)"
            data-testid="call-open"
          >
            <Icon name="phone" size={14} />
            Call
          </button>
          <button
            type="button"
            className={styles.headerButton}
            onClick={startOver}
            disabled={start.isPending || calling || (!conversation && !start.isError && messages.length === 0)}
            aria-label="New conversation"
            title="New conversation"
            data-testid="start-over"
          >
            <Icon name="rotate-ccw" size={14} />
            New
          </button>
        </header>

        {withPerson ? (
          <div className={styles.handoffBanner} role="status" data-testid="chat-handoff-banner">
            <Icon name="users" size={14} />
            A teammate will reply here
          </div>
        ) : null}

        {calling ? (
          <CallPanel
            title={flowName ?? 'this flow'}
            open={() => client.conversations.start.mutate({ flowId, channel: 'voice' })}
            onClose={() => {
              setCalling(false);
              requestAnimationFrame(() => callButtonRef.current?.focus());
            }}
          />
        ) : null}

        <div
          ref={logRef}
          hidden={calling}
          className={styles.log}
          role="log"
          aria-live="polite"
          aria-label="Conversation"
          aria-busy={typing}
          data-testid="chat-log"
        >
          {messages.map((message, index) => {
            const previous = messages[index - 1];
            const firstOfRun = !previous || previous.author !== message.author;
            const showOffer = offer !== null && index === lastBotIndex && !typing;
            return (
              <div
                key={message.id}
                className={styles.row}
                data-author={message.author}
                data-first={firstOfRun || undefined}
                data-testid={`chat-message-${message.author}`}
              >
                {message.author !== 'contact' ? (
                  <span className={styles.rowAvatar} data-author={message.author} aria-hidden="true">
                    {firstOfRun ? <Icon name={message.author === 'agent' ? 'headset' : 'bot'} size={14} /> : null}
                  </span>
                ) : null}
                <div className={styles.rowBody}>
                  {message.author === 'agent' && firstOfRun ? (
                    <span className={styles.rowName} aria-hidden="true" data-testid="chat-agent-name">
                      {message.authorName ?? authorLabel.agent}
                    </span>
                  ) : null}
                  <div className={styles.bubble} data-failed={message.failed || undefined}>
                    <span className="sr-only">{message.authorName ?? authorLabel[message.author]}: </span>
                    {message.text}
                  </div>
                  <ChatAttachment url={message.meta?.mediaUrl} />
                  {message.author === 'bot' ? <ChatSources meta={message.meta} /> : null}
                  <time className={styles.time} dateTime={message.createdAt}>
                    {message.failed ? 'Not delivered' : clockTime(message.createdAt)}
                  </time>
                  {message.failed && message.id.startsWith(LOCAL_PREFIX) && !ended ? (
                    <button
                      type="button"
                      className={styles.retry}
                      disabled={send.isPending}
                      onClick={() => void sendText(message.text, message)}
                    >
                      Try again
                    </button>
                  ) : null}
                  {showOffer ? (
                    <QuickReplies options={offer.options} disabled={send.isPending} onPick={pickQuickReply} />
                  ) : null}
                </div>
              </div>
            );
          })}

          {typing ? (
            <div className={styles.row} data-author="bot" data-first data-testid="typing-indicator">
              <span className={styles.rowAvatar} data-author="bot" aria-hidden="true">
                <Icon name="bot" size={14} />
              </span>
              <div className={styles.rowBody}>
                <div className={`${styles.bubble} ${styles.typing}`} role="status" aria-label="Assistant is typing">
                  <span />
                  <span />
                  <span />
                </div>
              </div>
            </div>
          ) : null}

          {messages.length === 0 && ready && !start.isError ? (
            <p className={styles.welcome} data-testid="chat-welcome">
              <Icon name="messages-square" size={16} />
              Write a message to start the conversation.
            </p>
          ) : null}

          {chat.resumeError ? (
            <div className={styles.notice} role="alert" data-testid="chat-resume-error">
              <Icon name="alert-circle" size={16} />
              <div>
                <p className={styles.noticeTitle}>Could not reconnect to your conversation</p>
                <p>{errorMessage(chat.resumeError)}</p>
                <div className={styles.noticeActions}>
                  <button type="button" className="btn btn-sm" onClick={() => void chat.retryResume()}>
                    Try again
                  </button>
                  <button type="button" className="btn btn-sm btn-ghost" onClick={startOver}>
                    Start a new one
                  </button>
                </div>
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
            <div className={styles.ended} data-testid="chat-ended" role="status">
              <span>Conversation ended</span>
              <span className={styles.endedStatus}>{conversation.status}</span>
            </div>
          ) : null}
          {conversation && !ended && conversationId && token ? <ContinueByEmail conversationId={conversationId} token={token} moved={movedToEmail} onMoved={() => setMovedToEmail(true)} /> : null}
        </div>

        <form className={styles.composer} onSubmit={submit} hidden={calling}>
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
                placeholder={chat.restoring ? 'Connecting…' : 'Write a message…'}
                rows={1}
                maxLength={MAX_LENGTH}
                value={draft}
                disabled={chat.restoring || movedToEmail}
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
