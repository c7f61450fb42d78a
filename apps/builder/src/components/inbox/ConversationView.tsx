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
import type { ConversationDetail, ConversationStatus } from '@/lib/api-types';
import { errorCode, errorMessage } from '@/lib/errors';
import { clockTime, fullDateTime, plural, relativeTime, shortDate } from '@/lib/format';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';
import { ConversationActions, type ConversationAction } from './ConversationActions';
import { ContactPanel } from './ContactPanel';
import { CopyableId } from './DetailValues';
import { OutcomeDetails } from './OutcomeDetails';
import { Transcript } from './Transcript';
import { RunMacro } from './RunMacro';
import { ConversationLabels } from './ConversationLabels';
import { ShortcutsSheet } from './ShortcutsSheet';
import { neighbourConversationHref, useInboxShortcuts } from './use-inbox-shortcuts';
import { ListenIn } from './ListenIn';
import { OfferBanner } from './OfferBanner';
import { PriorityBadge } from './PriorityBadge';
import { ReplyComposer, type PendingReply } from './ReplyComposer';
import { SlaStatus } from './SlaStatus';
import { SupervisorBar } from './SupervisorBar';
import { confirmed, type Optimistic } from './optimistic';
import { useConversationNotes } from './use-conversation-notes';
import styles from './inbox.module.css';
import labelStyles from './labels.module.css';
import { SentimentTrend } from './SentimentTrend';
import trendStyles from './SentimentTrend.module.css';

/** Without live updates (stream down), live conversations poll quickly; ended ones rarely change. */
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

/** How the conversation came in: a call, an email channel, a widget (by name) or the web chat page. */
function channelLabel(conversation: { channel: string; via: { name: string } | null }): string {
  if (conversation.channel === 'voice') return 'Voice call';
  if (conversation.channel === 'email') return conversation.via ? `Email · ${conversation.via.name}` : 'Email';
  return conversation.via ? `Widget · ${conversation.via.name}` : 'Web chat';
}

export function ConversationView({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const liveRefresh = useLiveRefetchInterval(LIVE_REFRESH_MS);
  const endedRefresh = useLiveRefetchInterval(ENDED_REFRESH_MS);
  const conversation = useQuery({
    ...trpc.conversations.get.queryOptions({ id }),
    refetchInterval: (query) => (query.state.data && isLive(query.state.data.status) ? liveRefresh : endedRefresh),
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

function Conversation({ conversation }: { conversation: ConversationDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { people, me: agent, assignsAnyone } = useInboxPeople();
  const canListen = useCan('conversations:listen');
  const canWork = useCan('conversations:work');
  const canSupervise = useCan('conversations:supervise');
  const notes = useConversationNotes(conversation.id);
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
  const supervising = canSupervise && conversation.status === 'handoff' && assignee && agent && assignee.id !== agent.id ? { agentName: assignee.name } : null;
  const bargesIn = supervising !== null;

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
  const bargeInMutation = useMutation(trpc.supervise.bargeIn.mutationOptions());
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
      // A supervisor's reply on another agent's live conversation barges in (recorded as such).
      (bargesIn ? bargeInMutation : replyMutation).mutate(
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
    [agent, lastSeq, conversation.id, replyMutation, bargeInMutation, bargesIn, refresh],
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
              {conversation.contact.email ?? 'No email'} · <span data-testid="detail-channel">{channelLabel(conversation)}</span> · started {shortDate(conversation.createdAt)},{' '}
              {clockTime(conversation.createdAt)}
            </p>
            <ConversationLabels conversationId={conversation.id} canWork={canWork} open={labelsOpen} onOpenChange={setLabelsOpen} />
          </div>
          <div className={labelStyles.headerTools}>
            {canWork && live ? (
              <RunMacro
                conversationId={conversation.id}
                onDone={() => {
                  refresh();
                  void queryClient.invalidateQueries(trpc.labels.ofConversation.queryFilter({ conversationId: conversation.id }));
                }}
              />
            ) : null}
            <button type="button" className="btn btn-sm" aria-expanded={contactOpen} onClick={() => setContactOpen(!contactOpen)} data-testid="contact-toggle">
              <Icon name="contact-round" size={13} />
              Contact
            </button>
            <span data-testid="detail-status">
              <StatusBadge status={conversation.status} />
            </span>
          </div>
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
          <OutcomeDetails csat={conversation.csat} quality={conversation.quality} />
          <div>
            <dt>Flow</dt>
            <dd>
              <Link href={`/flows/${conversation.flow.id}`} className={styles.inlineLink} data-testid="detail-flow">
                {conversation.flow.name} · v{conversation.flow.version}
              </Link>
              <Link href={`/flows/${conversation.flow.id}/conversations/${conversation.id}`} className="btn btn-ghost btn-sm" data-testid="open-path">
                <Icon name="route" size={13} />
                Open path
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
        {canSupervise && live ? <SupervisorBar conversationId={conversation.id} botHasIt={conversation.status === 'active'} assignee={assignee} meId={agent?.id ?? null} onDone={refresh} /> : null}
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
        notes={notes}
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
        people={people}
        supervising={supervising}
        onSend={sendReply}
      />
      <ShortcutsSheet open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      {contactOpen ? <ContactPanel conversationId={conversation.id} canWork={canWork} onClose={() => setContactOpen(false)} /> : null}
    </div>
  );
}
