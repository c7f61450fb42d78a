'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequirePermission } from '@/components/settings/RequirePermission';
import { PresenceDot } from '@/components/settings/PresenceDot';
import { Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { QueueBoardData } from '@/lib/api-types';
import { clockTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';
import styles from './board.module.css';

/** A modest refresh: the board is watched, not worked (live push replaces it where available). */
const REFRESH_MS = 5000;
/** A customer waiting longer than this is marked. */
const LONG_WAIT_MS = 5 * 60_000;

/** "45 s", "12 min", "2 h 05 min" since `iso`. */
function waited(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function Load({ label, open, capacity }: { label: string; open: number; capacity: number }) {
  const full = open >= capacity;
  return (
    <span className={styles.load} data-full={full || undefined} title={`${open} of ${capacity} ${label}`}>
      <span className={styles.loadBar} aria-hidden="true">
        <span style={{ width: `${capacity === 0 ? 100 : Math.min(100, (open / capacity) * 100)}%` }} />
      </span>
      {open}/{capacity} {label}
    </span>
  );
}

function Teams({ teams, now }: { teams: QueueBoardData['teams']; now: number }) {
  if (teams.length === 0) {
    return (
      <EmptyState icon="users" title="No teams yet">
        Create teams in settings: handoffs wait in their queues.
      </EmptyState>
    );
  }
  return (
    <ul className={styles.teams} data-testid="board-teams">
      {teams.map((team) => {
        const long = team.longestWaitSince !== null && now - Date.parse(team.longestWaitSince) > LONG_WAIT_MS;
        return (
          <li key={team.name} className={styles.team} data-testid={`board-team-${team.name}`}>
            <h3 className={styles.teamName}>{team.name}</h3>
            <dl className={styles.figures}>
              <div>
                <dt>Waiting</dt>
                <dd data-testid="board-waiting">{team.waiting}</dd>
              </div>
              <div data-long={long || undefined}>
                <dt>Longest wait</dt>
                <dd data-testid="board-longest">{team.longestWaitSince ? waited(team.longestWaitSince, now) : '—'}</dd>
              </div>
              <div>
                <dt>Offered</dt>
                <dd data-testid="board-offered">{team.offered}</dd>
              </div>
              <div>
                <dt>Members</dt>
                <dd>{team.members}</dd>
              </div>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

function Agents({ agents, now }: { agents: QueueBoardData['agents']; now: number }) {
  return (
    <ul className={styles.agents} data-testid="board-agents">
      {agents.map((agent) => (
        <li key={agent.id} className={styles.agent} data-testid={`board-agent-${agent.id}`} data-presence={agent.presence}>
          <div className={styles.agentHead}>
            <PresenceDot presence={agent.presence} />
            <strong>{agent.name}</strong>
            <span className={styles.agentTeams}>{agent.teams.length > 0 ? agent.teams.join(', ') : 'No team'}</span>
          </div>
          <div className={styles.loads}>
            <Load label="chats" open={agent.chats.open} capacity={agent.chats.capacity} />
            <Load label="calls" open={agent.calls.open} capacity={agent.calls.capacity} />
          </div>
          {agent.conversations.length > 0 ? (
            <ul className={styles.assigned}>
              {agent.conversations.map((conversation) => (
                <li key={conversation.id}>
                  <Link href={`/inbox/${conversation.id}`} className={styles.assignedLink} data-testid={`board-conversation-${conversation.id}`}>
                    <Icon name={conversation.channel === 'voice' ? 'phone' : 'message-square'} size={12} />
                    {conversation.contactName ?? 'Visitor'}
                    <span>{conversation.since ? waited(conversation.since, now) : ''}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Board() {
  const trpc = useTRPC();
  const now = useNow(1000);
  const board = useQuery({ ...trpc.supervise.board.queryOptions(), refetchInterval: REFRESH_MS, placeholderData: keepPreviousData });
  if (board.isPending) return <LoadingState label="Loading the queues…" />;
  if (board.isError && !board.data) return <ErrorState error={board.error} title="Could not load the board" onRetry={() => void board.refetch()} />;
  const data = board.data!;
  const waiting = data.teams.reduce((sum, team) => sum + team.waiting, 0);
  const online = data.agents.filter((agent) => agent.presence === 'online').length;
  return (
    <>
      <p className={styles.summary} data-testid="board-summary">
        <strong>{waiting}</strong> waiting · <strong>{online}</strong> of {data.agents.length} online · as of {clockTime(data.at)}
      </p>
      <h2 className={styles.sectionTitle}>Queues</h2>
      <Teams teams={data.teams} now={now} />
      <h2 className={styles.sectionTitle}>Agents</h2>
      <Agents agents={data.agents} now={now} />
    </>
  );
}

/** Supervisors' live queue board: what waits in each team's queue, and each agent's presence and load. */
export function QueueBoard() {
  return (
    <div className={`${listPage.page} ${listPage.pageWide}`}>
      <header className={listPage.header}>
        <div>
          <h1 className={listPage.title}>Queue board</h1>
          <p className={listPage.subtitle}>Who waits in each queue, and who is working what.</p>
        </div>
      </header>
      <RequirePermission permission="conversations:supervise">
        <Board />
      </RequirePermission>
    </div>
  );
}
