'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Icon } from '@/components/ui/Icon';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { useInboxPeople } from '@/lib/inbox-people';
import { useCan } from '@/lib/session';
import type { Assignee, ConversationDetail, CsatResult, ConversationStatus, MessageAuthor, Person, TranscriptMessage } from '@/lib/api-types';
import { errorCode, errorMessage } from '@/lib/errors';
import { clockTime, fullDateTime, plural, relativeTime, shortDate } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';
import { ConversationActions, type ConversationAction } from './ConversationActions';
import { ContactPanel } from './ContactPanel';
import { ConversationLabels } from './ConversationLabels';
import { ShortcutsSheet } from './ShortcutsSheet';
import { neighbourConversationHref, useInboxShortcuts } from './use-inbox-shortcuts';
import { ListenIn } from './ListenIn';
import { OfferBanner } from './OfferBanner';
import { MessageExtras } from './MessageExtras';
import { PriorityBadge } from './PriorityBadge';
import { ReplyComposer, type PendingReply } from './ReplyComposer';
import { SlaStatus } from './SlaStatus';
import styles from './inbox.module.css';
import { SentimentTrend } from './SentimentTrend';
import trendStyles from './SentimentTrend.module.css';

/** Live conversations refresh quickly; ended ones rarely change. */
const LIVE_REFRESH_MS = 1500;
const ENDED_REFRESH_MS = 10_000;
/**
 * Agent actions are Temporal signals: the API acknowledges them at once and the workflow writes
 * the effect a moment later. Refetch right away and twice more shortly after, so the change shows
 * as soon as it is stored (polling would get there too, just later).
 */
const FOLLOW_UP_REFETCH_MS = [400, 1200];
/** How long an optimistic change (assignee, team, pending resolve) is shown before the server's word wins. */
const OPTIMISTIC_MS = 6000;

const isLive = (status: ConversationStatus) => status === 'active' || status === 'handoff';

const authorNames = {
  contact: 'Customer',
  bot: 'Bot',
  agent: 'Agent',
  system: 'Note',
} satisfies Record<MessageAuthor, string>;

export function ConversationView({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const conversation = useQuery({
    ...trpc.conversations.get.queryOptions({ id }),
    refetchInterval: (query) => (query.state.data && isLive(query.state.data.status) ? LIVE_REFRESH_MS : ENDED_REFRESH_MS),
  });

  // The list polls on its own clock. Whenever this transcript sees the conversation change
  // (status, messages, assignment), refetch the list too, so the two never disagree for long.
  const data = conversation.data;
  const signature = data
    ? [data.status, data.messages.length, data.assignee?.id ?? '', data.team ?? '', data.updatedAt].join('|')
    : null;
  useEffect(() => {
    if (signature === null) return;
    void queryClient.invalidateQueries(trpc.conversations.list.pathFilter());
    void queryClient.invalidateQueries(trpc.conversations.counts.pathFilter());
  }, [queryClient, trpc, signature]);

  if (conversation.isPending) return <LoadingState label="Loading conversation…" />;
  if (conversation.isError && !conversation.data) {
    if (errorCode(conversation.error) === 'NOT_FOUND') {
      return (
        <EmptyState icon="inbox" title="Conversation not found">
          It may belong to another workspace, or the link is wrong.
        </EmptyState>
      );
    }
    return (
      <ErrorState
        error={conversation.error}
        title="Could not load the conversation"
        onRetry={() => void conversation.refetch()}
      />
    );
  }
  return <Conversation conversation={conversation.data} />;
}

/** Shown on top of the server's data until the server agrees (or OPTIMISTIC_MS pass). */
type Optimistic =
  | { kind: 'assign'; assignee: Assignee | null; team?: string; until: number }
  | { kind: 'status'; action: 'resolve' | 'handBack'; from: ConversationStatus; until: number };

function confirmed(conversation: ConversationDetail, optimistic: Optimistic): boolean {
  if (optimistic.kind === 'status') return conversation.status !== optimistic.from;
  return (
    (conversation.assignee?.id ?? null) === (optimistic.assignee?.id ?? null) &&
    (optimistic.team === undefined || conversation.team === optimistic.team)
  );
}

function Conversation({ conversation }: { conversation: ConversationDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { people, me: agent, assignsAnyone } = useInboxPeople();
  const canListen = useCan('conversations:listen');
  const canWork = useCan('conversations:work');
  const now = useNow(15_000);
  const replyRef = useRef<HTMLTextAreaElement>(null);

  const [optimistic, setOptimistic] = useState<Optimistic | null>(null);
  const [pendingReplies, setPendingReplies] = useState<PendingReply[]>([]);
  const [actionError, setActionError] = useState<string | null>(null);
  /** The assignment a supervisor may repeat past the team and capacity limits. */
  const [overridable, setOverridable] = useState<ConversationAction | null>(null);
  const [, setTick] = useState(0);

  // --- refreshing after a signal --------------------------------------------------------------
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  const refresh = useCallback(() => {
    const invalidate = () => {
      void queryClient.invalidateQueries(trpc.conversations.get.queryFilter({ id: conversation.id }));
      void queryClient.invalidateQueries(trpc.conversations.list.pathFilter());
    };
    invalidate();
    for (const delay of FOLLOW_UP_REFETCH_MS) timers.current.push(setTimeout(invalidate, delay));
  }, [queryClient, trpc, conversation.id]);

  // --- optimistic state -------------------------------------------------------------------------
  const optimisticLive = optimistic !== null && !confirmed(conversation, optimistic) && Date.now() < optimistic.until;
  useEffect(() => {
    if (!optimistic) return;
    if (confirmed(conversation, optimistic)) {
      setOptimistic(null);
      return;
    }
    // Re-render when it expires, so the server's data shows again.
    const timer = setTimeout(() => setTick((t) => t + 1), Math.max(0, optimistic.until - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [conversation, optimistic]);

  const assignee = optimisticLive && optimistic.kind === 'assign' ? optimistic.assignee : conversation.assignee;
  const team = optimisticLive && optimistic.kind === 'assign' && optimistic.team ? optimistic.team : conversation.team;
  const pendingStatus = optimisticLive && optimistic.kind === 'status' ? optimistic.action : null;

  // Pending replies disappear once the stored transcript has them.
  const lastSeq = conversation.messages.at(-1)?.seq ?? 0;
  const unconfirmedReplies = useMemo(
    () =>
      pendingReplies.filter(
        (pending) =>
          !conversation.messages.some(
            (message) =>
              message.author === 'agent' &&
              message.seq > pending.afterSeq &&
              message.authorId === pending.agentId &&
              message.text === pending.text,
          ),
      ),
    [pendingReplies, conversation.messages],
  );
  useEffect(() => {
    if (unconfirmedReplies.length !== pendingReplies.length) setPendingReplies(unconfirmedReplies);
  }, [unconfirmedReplies, pendingReplies.length]);

  // --- mutations ----------------------------------------------------------------------------------
  const assignMutation = useMutation(trpc.conversations.assign.mutationOptions());
  const resolveMutation = useMutation(trpc.conversations.resolve.mutationOptions());
  const handBackMutation = useMutation(trpc.conversations.handBack.mutationOptions());
  const replyMutation = useMutation(trpc.conversations.reply.mutationOptions());
  const busy = assignMutation.isPending || resolveMutation.isPending || handBackMutation.isPending || pendingStatus !== null;

  const onError = useCallback(
    (what: string) => (error: unknown) => {
      setOptimistic(null);
      setActionError(
        errorCode(error) === 'PRECONDITION_FAILED'
          ? `Could not ${what}: this conversation has already ended.`
          : `Could not ${what}: ${errorMessage(error)}`,
      );
      refresh();
    },
    [refresh],
  );

  const act = useCallback(
    (action: ConversationAction) => {
      setActionError(null);
      setOverridable(null);
      const until = Date.now() + OPTIMISTIC_MS;
      switch (action.type) {
        case 'assign': {
          const person = action.agentId ? people.find((p) => p.id === action.agentId) : null;
          setOptimistic({ kind: 'assign', assignee: person ? { id: person.id, name: person.name } : null, until });
          assignMutation.mutate(
            { conversationId: conversation.id, agentId: action.agentId, ...(action.override ? { override: true } : {}) },
            {
              onSuccess: refresh,
              onError: (error) => {
                // Outside the team or at capacity: say so, and let supervisors and admins assign anyway.
                const limit = errorCode(error) === 'PRECONDITION_FAILED' && errorMessage(error).includes('assign with override');
                if (!limit) return onError(action.agentId ? 'assign' : 'unassign')(error);
                setOptimistic(null);
                setActionError(`Could not assign: ${errorMessage(error).replace(/, or \(supervisors and admins\) assign with override$/, '')}.`);
                if (assignsAnyone && action.agentId) setOverridable({ type: 'assign', agentId: action.agentId, override: true });
                refresh();
              },
            },
          );
          return;
        }
        case 'transfer':
          // A transfer puts the conversation in the other team's queue, unassigned.
          setOptimistic({ kind: 'assign', assignee: null, team: action.team, until });
          assignMutation.mutate(
            { conversationId: conversation.id, agentId: null, team: action.team },
            { onSuccess: refresh, onError: onError('transfer') },
          );
          return;
        case 'resolve':
          setOptimistic({ kind: 'status', action: 'resolve', from: conversation.status, until });
          resolveMutation.mutate(
            { conversationId: conversation.id },
            { onSuccess: refresh, onError: onError('resolve') },
          );
          return;
        case 'handBack':
          setOptimistic({ kind: 'status', action: 'handBack', from: conversation.status, until });
          handBackMutation.mutate(
            { conversationId: conversation.id },
            { onSuccess: refresh, onError: onError('hand back') },
          );
          return;
      }
    },
    [people, conversation.id, conversation.status, assignMutation, resolveMutation, handBackMutation, refresh, onError, assignsAnyone],
  );

  const sendReply = useCallback(
    (text: string) => {
      if (!agent) return;
      const pending: PendingReply = { localId: `pending-${Date.now()}`, text, agentId: agent.id, afterSeq: lastSeq };
      setPendingReplies((current) => [...current, pending]);
      replyMutation.mutate(
        { conversationId: conversation.id, text },
        {
          onSuccess: refresh,
          onError: (error) => {
            setPendingReplies((current) =>
              current.map((p) =>
                p.localId === pending.localId
                  ? {
                      ...p,
                      error:
                        errorCode(error) === 'PRECONDITION_FAILED' ? 'Not sent: the conversation has ended' : `Not sent: ${errorMessage(error)}`,
                    }
                  : p,
              ),
            );
            refresh();
          },
        },
      );
    },
    [agent, lastSeq, conversation.id, replyMutation, refresh],
  );

  // --- keyboard (the `?` sheet lists them; Escape leaves the reply box, in the composer) --------
  const router = useRouter();
  const [labelsOpen, setLabelsOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [contactOpen, setContactOpen] = useState(false);
  const go = (step: 1 | -1) => {
    const href = neighbourConversationHref(conversation.id, step);
    if (href) router.push(href);
  };
  useInboxShortcuts({
    j: () => go(1),
    k: () => go(-1),
    r: () => {
      const box = replyRef.current;
      if (box && !box.disabled) box.focus();
    },
    e: () => {
      if (canWork && isLive(conversation.status)) act({ type: 'resolve' });
    },
    a: () => {
      if (canWork && agent && isLive(conversation.status) && conversation.assignee?.id !== agent.id) act({ type: 'assign', agentId: agent.id });
    },
    l: () => setLabelsOpen(canWork),
    '?': () => setShortcutsOpen(true),
  });

  const name = conversation.contact.name ?? 'Visitor';
  const live = isLive(conversation.status);
  const peopleById = useMemo(() => new Map(people.map((person) => [person.id, person])), [people]);

  return (
    <div className={styles.conversation} data-testid="inbox-detail" data-status={conversation.status}>
      <header className={styles.convHeader}>
        <div className={styles.convTitleRow}>
          <span className={styles.convAvatar} aria-hidden="true">
            <Icon name="user" size={16} />
          </span>
          <div className={styles.convTitles}>
            <div className={trendStyles.nameRow}>
              <h2 className={styles.convName} data-testid="detail-contact">
                {name}
              </h2>
              <SentimentTrend conversationId={conversation.id} messageCount={conversation.messages.length} />
            </div>
            <p className={styles.convSub}>
              {conversation.contact.email ?? 'No email'} · {conversation.channel === 'voice' ? 'Voice call' : 'Web chat'} · started {shortDate(conversation.createdAt)},{' '}
              {clockTime(conversation.createdAt)}
            </p>
            <ConversationLabels conversationId={conversation.id} canWork={canWork} open={labelsOpen} onOpenChange={setLabelsOpen} />
          </div>
          <button type="button" className="btn btn-sm" aria-expanded={contactOpen} onClick={() => setContactOpen(!contactOpen)} data-testid="contact-toggle">
            <Icon name="contact-round" size={13} />
            Contact
          </button>
          <span data-testid="detail-status">
            <StatusBadge status={conversation.status} />
          </span>
        </div>
        <dl className={styles.convFacts}>
          {conversation.status === 'handoff' || conversation.team ? (
            <>
              <div>
                <dt>Team</dt>
                <dd data-testid="detail-team">{team ?? '—'}</dd>
              </div>
              <div>
                <dt>Priority</dt>
                <dd data-testid="detail-priority">
                  <PriorityBadge priority={conversation.priority} />
                </dd>
              </div>
            </>
          ) : null}
          <div>
            <dt>Assignee</dt>
            <dd data-testid="detail-assignee" className={styles.assigneeFact}>
              {assignee ? (
                <>
                  <Avatar name={assignee.name} id={assignee.id} size={18} />
                  {assignee.name}
                  {assignee.id === agent?.id ? <span className={styles.you}>you</span> : null}
                </>
              ) : conversation.status === 'handoff' ? (
                <span className={styles.unassigned}>Unassigned</span>
              ) : (
                'Bot (unassigned)'
              )}
            </dd>
          </div>
          {conversation.handedOffAt ? (
            <div>
              <dt>Handed off</dt>
              <dd data-testid="detail-handed-off">
                <time dateTime={conversation.handedOffAt} title={fullDateTime(conversation.handedOffAt)}>
                  {relativeTime(conversation.handedOffAt, now)}
                </time>
              </dd>
            </div>
          ) : null}
          <SlaStatus sla={conversation.sla} now={now} live={live} />
          {conversation.csat ? (
            <div>
              <dt>Rating</dt>
              <dd data-testid="detail-csat">
                <CsatRating csat={conversation.csat} />
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Flow</dt>
            <dd>
              <Link href={`/flows/${conversation.flow.id}`} className={styles.inlineLink} data-testid="detail-flow">
                {conversation.flow.name} · v{conversation.flow.version}
              </Link>
            </dd>
          </div>
          <div>
            <dt>Workflow</dt>
            <dd>
              <CopyableId value={conversation.workflowId} />
            </dd>
          </div>
          <div>
            <dt>Messages</dt>
            <dd>{plural(conversation.messages.length, 'message')}</dd>
          </div>
        </dl>
        {live ? (
          <ConversationActions
            status={conversation.status}
            assigneeId={assignee?.id ?? null}
            team={team}
            me={agent}
            people={assignsAnyone ? people : []}
            busy={busy}
            pending={pendingStatus}
            onAction={act}
          />
        ) : null}
        {conversation.status === 'handoff' && !assignee ? <OfferBanner conversationId={conversation.id} onAnswered={refresh} /> : null}
        {actionError ? (
          <p className={styles.actionError} role="alert" data-testid="action-error">
            <Icon name="alert-circle" size={14} />
            {actionError}
            {overridable ? (
              <button type="button" className="btn btn-sm" onClick={() => act(overridable)} data-testid="assign-anyway">
                Assign anyway
              </button>
            ) : null}
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setActionError(null)} aria-label="Dismiss">
              <Icon name="x" size={12} />
            </button>
          </p>
        ) : null}
      </header>
      {conversation.channel === 'voice' && live && canListen ? <ListenIn conversationId={conversation.id} /> : null}
      <Transcript
        messages={conversation.messages}
        pending={unconfirmedReplies}
        people={peopleById}
        me={agent}
        live={live}
      />
      <ReplyComposer
        key={conversation.id}
        ref={replyRef}
        conversationId={conversation.id}
        status={conversation.status}
        me={agent}
        onSend={sendReply}
      />
      <ShortcutsSheet open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      {contactOpen ? <ContactPanel conversationId={conversation.id} canWork={canWork} onClose={() => setContactOpen(false)} /> : null}
    </div>
  );
}

function Transcript({
  messages,
  pending,
  people,
  me,
  live,
}: {
  messages: TranscriptMessage[];
  pending: PendingReply[];
  people: Map<string, Person>;
  me: Person | null;
  live: boolean;
}) {
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  // Follow new messages unless the agent scrolled up to read.
  useEffect(() => {
    const log = logRef.current;
    if (log && stickToBottom.current) log.scrollTop = log.scrollHeight;
  }, [messages.length, pending.length]);

  return (
    <div
      ref={logRef}
      className={styles.transcript}
      role="log"
      aria-live="polite"
      aria-label="Transcript"
      data-testid="transcript"
      tabIndex={0}
      onScroll={(event) => {
        const el = event.currentTarget;
        stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      {messages.length === 0 && pending.length === 0 ? (
        <p className={styles.transcriptEmpty}>{live ? 'Waiting for the first message…' : 'No messages.'}</p>
      ) : (
        <>
          {messages.map((message, index) => {
            const previous = messages[index - 1];
            const newDay = !previous || shortDate(previous.createdAt) !== shortDate(message.createdAt);
            return (
              <div key={message.id} className={styles.messageGroup}>
                {newDay ? (
                  <div className={styles.daySeparator}>
                    <span>{shortDate(message.createdAt)}</span>
                  </div>
                ) : null}
                <Message message={message} author={message.authorId ? people.get(message.authorId) : undefined} me={me} />
              </div>
            );
          })}
          {pending.map((reply) => (
            <div
              key={reply.localId}
              className={styles.message}
              data-author="agent"
              data-pending={reply.error ? undefined : true}
              data-failed={reply.error ? true : undefined}
              data-testid="pending-reply"
            >
              <div className={styles.messageMeta}>
                <span className={styles.messageAuthor}>{me?.name ?? 'Agent'} (you)</span>
                <span role={reply.error ? 'alert' : undefined}>{reply.error ?? 'Sending…'}</span>
              </div>
              <div className={styles.messageBubble}>{reply.text}</div>
            </div>
          ))}
        </>
      )}
    </div>
  );
}

function Message({ message, author, me }: { message: TranscriptMessage; author: Person | undefined; me: Person | null }) {
  if (message.author === 'system') {
    return (
      <div className={styles.systemMessage} data-testid={`message-${message.id}`} data-author="system" role="note">
        <Icon name="info" size={12} />
        <span>{message.text}</span>
        <time dateTime={message.createdAt} title={fullDateTime(message.createdAt)}>
          {clockTime(message.createdAt)}
        </time>
      </div>
    );
  }
  const agentName = message.author === 'agent' ? (author?.name ?? 'Agent') : null;
  return (
    <div className={styles.message} data-author={message.author} data-testid={`message-${message.id}`}>
      <div className={styles.messageMeta}>
        <span className={styles.messageAuthor}>
          {agentName ? (
            <Avatar name={agentName} id={message.authorId ?? undefined} size={16} />
          ) : (
            <Icon name={message.author === 'bot' ? 'bot' : 'user'} size={12} />
          )}
          {agentName ?? authorNames[message.author]}
          {message.author === 'agent' && me && message.authorId === me.id ? ' (you)' : null}
        </span>
        <time dateTime={message.createdAt} title={fullDateTime(message.createdAt)}>
          {clockTime(message.createdAt)}
        </time>
      </div>
      <div className={styles.messageBubble}>{message.text}</div>
      {message.author === 'bot' || message.author === 'contact' ? <MessageExtras meta={message.meta} /> : null}
    </div>
  );
}

/** "★★★★☆ 4/5", or "Not given" when the customer skipped the question. */
function CsatRating({ csat }: { csat: CsatResult }) {
  if (csat.score === null) return <span className={styles.unassigned}>Not given</span>;
  const stars = csat.scale <= 5;
  return (
    <span className={styles.csat} aria-label={`${csat.score} out of ${csat.scale}`}>
      {stars ? (
        <span className={styles.csatStars} aria-hidden="true">
          {Array.from({ length: csat.scale }, (_, i) => (
            <Icon key={i} name="star" size={12} data-filled={i < (csat.score ?? 0) || undefined} />
          ))}
        </span>
      ) : null}
      <span aria-hidden="true">
        {csat.score}/{csat.scale}
      </span>
    </span>
  );
}

function CopyableId({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <span className={styles.copyable}>
      <code data-testid="detail-workflow-id">{value}</code>
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
        aria-label="Copy workflow id"
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
