'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CallPanel } from '@/components/call/CallPanel';
import { Icon } from '@parley/ui';
import { quickReplyOffer } from '@/lib/chat-messages';
import { useMe } from '@/lib/session';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import styles from './chat.module.css';
import { ChatComposer } from './ChatComposer';
import { ChatHeader, type ChatConnection } from './ChatHeader';
import { ChatMessageRow, TypingIndicator } from './ChatMessageRow';
import { ChatEnded, ChatResumeError, ChatStartError } from './ChatNotices';
import { ChatPreviewIntro } from './ChatPreviewIntro';
import { ContinueByEmail } from './ContinueByEmail';
import { LOCAL_PREFIX, useChatMessages } from './useChatMessages';

/**
 * The customer-facing web chat widget for one flow. Resumes this browser's conversation on load,
 * else starts one (on the flow's published version) when the customer first writes; sends each
 * message with `conversations.send` (with the conversation's token) and shows the replies. While
 * the conversation is open it follows `conversations.stream` for the agent's messages
 * (useChatMessages). The bot's latest quick replies are buttons (a rating row
 * for a "1".."N" set) that send their text like a typed message; attachments show under bubbles.
 */
export function WebChat({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const me = useMe();
  // The flow's name and version, for a teammate previewing it; a customer has no access to flows.
  const flow = useQuery({ ...trpc.flows.get.queryOptions({ id: flowId }), enabled: Boolean(me.data?.active), refetchOnWindowFocus: false });
  const { chat, messages, send, sendError, movedToEmail, markMovedToEmail, ended, sendText, forget } = useChatMessages(flowId);
  const { conversation, start } = chat;

  const [draft, setDraft] = useState('');
  // Call mode: a spoken conversation (its own voice conversation) in place of the log.
  const [calling, setCalling] = useState(false);
  const callButtonRef = useRef<HTMLButtonElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const status = conversation?.status ?? null;

  // Keep the newest message in view.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages, start.isPending, send.isPending, status]);

  const withPerson = status === 'handoff';
  const ready = !chat.restoring && !start.isPending && !chat.resumeError;
  const canSend = ready && !ended && !movedToEmail && !send.isPending && draft.trim().length > 0;
  // Quick replies: the bot's latest offer, while the bot has the conversation and nobody answered.
  const offer = status === 'active' ? quickReplyOffer(messages) : null;
  // Shown under the last bot message (only failed, unsent messages of the customer can follow it).
  const lastBotIndex = messages.findLastIndex((message) => message.author === 'bot');
  const connection: ChatConnection = ended
    ? 'ended'
    : withPerson
      ? 'with-person'
      : start.isError
        ? 'offline'
        : chat.restoring
          ? 'connecting'
          : 'online';

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

  /** Forgets this conversation; the next message starts a new one. */
  function startOver() {
    forget();
    setDraft('');
    inputRef.current?.focus();
  }

  // The bot "types" while a call is pending; a person's replies just arrive.
  const typing = start.isPending || chat.restoring || (send.isPending && !withPerson);
  const flowName = flow.data?.name;

  return (
    <div className={styles.stage}>
      {me.data?.active ? (
        <ChatPreviewIntro flowName={flowName} publishedVersion={flow.data?.published?.version} conversationId={conversation?.id} />
      ) : null}

      <section className={styles.widget} aria-label="Web chat" data-testid="web-chat" data-status={status ?? undefined}>
        <ChatHeader
          title={flowName ?? 'Parley'}
          connection={connection}
          callButtonRef={callButtonRef}
          callDisabled={calling || (flow.data !== undefined && !flow.data.published)}
          onCall={() => setCalling(true)}
          startOverDisabled={start.isPending || calling || (!conversation && !start.isError && messages.length === 0)}
          onStartOver={startOver}
        />

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
          {messages.map((message, index) => (
            <ChatMessageRow
              key={message.id}
              message={message}
              firstOfRun={index === 0 || messages[index - 1]!.author !== message.author}
              quickReplies={offer !== null && index === lastBotIndex && !typing ? offer.options : null}
              onRetry={message.failed && message.id.startsWith(LOCAL_PREFIX) && !ended ? () => void sendText(message.text, message) : null}
              sending={send.isPending}
              onPickQuickReply={pickQuickReply}
            />
          ))}

          {typing ? <TypingIndicator /> : null}

          {messages.length === 0 && ready && !start.isError ? (
            <p className={styles.welcome} data-testid="chat-welcome">
              <Icon name="messages-square" size={16} />
              Write a message to start the conversation.
            </p>
          ) : null}

          {chat.resumeError ? <ChatResumeError error={chat.resumeError} onRetry={() => void chat.retryResume()} onStartOver={startOver} /> : null}
          {start.isError ? <ChatStartError error={start.error} flowId={flowId} onStartOver={startOver} /> : null}
          {ended && conversation ? <ChatEnded status={conversation.status} /> : null}
          {conversation && !ended && conversation.token ? (
            <ContinueByEmail conversationId={conversation.id} token={conversation.token} moved={movedToEmail} onMoved={markMovedToEmail} />
          ) : null}
        </div>

        <ChatComposer
          inputRef={inputRef}
          draft={draft}
          onDraft={setDraft}
          canSend={canSend}
          onSubmit={submit}
          sendError={sendError}
          ended={ended}
          connecting={chat.restoring}
          disabled={chat.restoring || movedToEmail}
          hidden={calling}
          onStartOver={startOver}
        />
      </section>
    </div>
  );
}
