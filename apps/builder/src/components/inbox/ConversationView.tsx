'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { useInboxPeople } from '@/lib/inbox-people';
import { useCan } from '@/lib/session';
import type { ConversationDetail, ConversationStatus } from '@/lib/api-types';
import { errorCode } from '@/lib/errors';
import { clockTime, contactLabel, shortDate } from '@/lib/format';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';
import { ConversationActions } from './ConversationActions';
import { ConversationFacts } from './ConversationFacts';
import { useConversationActions } from './use-conversation-actions';
import { ContactPanel } from './ContactPanel';
import { Transcript } from './Transcript';
import { RunMacro } from './RunMacro';
import { ConversationLabels } from './ConversationLabels';
import { ShortcutsSheet } from './ShortcutsSheet';
import { neighbourConversationHref, useInboxShortcuts } from './use-inbox-shortcuts';
import { ListenIn } from './ListenIn';
import { OfferBanner } from './OfferBanner';
import { ReplyComposer } from './ReplyComposer';
import { SupervisorBar } from './SupervisorBar';
import { useConversationNotes } from './use-conversation-notes';
import styles from './inbox.module.css';
import labelStyles from './labels.module.css';
import { SentimentTrend } from './SentimentTrend';
import trendStyles from './SentimentTrend.module.css';

/** Without live updates (stream down), live conversations poll quickly; ended ones rarely change. */
const LIVE_REFRESH_MS = 1500;
const ENDED_REFRESH_MS = 10_000;
const isLive = (status: ConversationStatus) => status === 'active' || status === 'handoff';

/** How the conversation came in: a call, an email channel, a widget (by name) or the web chat page. */
function channelLabel(conversation: { channel: string; via: { name: string } | null; channelHistory: string[] }): string {
  // Moved by the customer ("Continue by email"): the way it went, then where it is now.
  if (conversation.channelHistory.length > 1) return conversation.via ? `${conversation.channelHistory.join(' → ')} · ${conversation.via.name}` : conversation.channelHistory.join(' → ');
  if (conversation.channel === 'voice') return 'Voice call';
  const named = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp', api: 'API' }[conversation.channel];
  if (named) return conversation.via ? `${named} · ${conversation.via.name}` : named;
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
  const canListen = useCan('conversations:listen');
  const canWork = useCan('conversations:work');
  const canSupervise = useCan('conversations:supervise');
  const notes = useConversationNotes(conversation.id);
  const now = useNow(15_000);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const inboxPeople = useInboxPeople();
  const { people, me: agent } = inboxPeople;
  const { assignee, team, pendingStatus, supervising, busy, act, sendReply, refresh, unconfirmedReplies, actionError, dismissError, overridable } =
    useConversationActions(conversation, inboxPeople, canSupervise);


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

  const name = contactLabel(conversation.contact);
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
              {conversation.contact.email ?? conversation.contact.phone ?? 'No email'} · <span data-testid="detail-channel">{channelLabel(conversation)}</span> · started {shortDate(conversation.createdAt)},{' '}
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
        <ConversationFacts conversation={conversation} team={team} assignee={assignee} meId={agent?.id} now={now} live={live} />
        {live ? (
          <ConversationActions
            status={conversation.status}
            assigneeId={assignee?.id ?? null}
            team={team}
            me={agent}
            people={inboxPeople.assignsAnyone ? people : []}
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
            <button type="button" className="btn btn-ghost btn-sm" onClick={dismissError} aria-label="Dismiss">
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
