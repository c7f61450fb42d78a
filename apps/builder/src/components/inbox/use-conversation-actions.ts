'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConversationDetail } from '@/lib/api-types';
import { errorCode, errorMessage } from '@/lib/errors';
import type { useInboxPeople } from '@/lib/inbox-people';
import { useTRPC } from '@/lib/trpc';
import type { ConversationAction } from './ConversationActions';
import { confirmed, type Optimistic } from './optimistic';
import type { PendingReply } from './ReplyComposer';

/**
 * Agent actions are Temporal signals: the API acknowledges them at once and the workflow writes
 * the effect a moment later. Refetch right away and twice more shortly after, so the change shows
 * as soon as it is stored (polling would get there too, just later).
 */
const FOLLOW_UP_REFETCH_MS = [400, 1200];
/** How long an optimistic change (assignee, team, pending resolve) is shown before the server's word wins. */
const OPTIMISTIC_MS = 6000;

/**
 * What an agent does to an open conversation (assign, transfer, resolve, hand back, reply), shown
 * at once: each change is optimistic until the stored conversation agrees, a reply is pending until
 * the transcript has it, and a failure is said in `actionError` (with "assign anyway" for a
 * supervisor when a limit refused it).
 */
export function useConversationActions(
  conversation: ConversationDetail,
  { people, me: agent, assignsAnyone }: ReturnType<typeof useInboxPeople>,
  canSupervise: boolean,
) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
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

  return {
    assignee,
    team,
    pendingStatus,
    supervising,
    busy,
    act,
    sendReply,
    refresh,
    unconfirmedReplies,
    actionError,
    dismissError: () => setActionError(null),
    overridable,
  };
}
