'use client';

import { useId, useState, type FormEvent } from 'react';
import { Icon, Popover, PopoverClose } from '@parley/ui';
import type { ConversationStatus, Person } from '@/lib/api-types';
import { useWorkspaceNames } from '@/components/editor/WorkspacePickers';
import styles from './inbox.module.css';

export type ConversationAction =
  | { type: 'assign'; agentId: string | null; override?: boolean }
  | { type: 'transfer'; team: string }
  | { type: 'resolve' }
  | { type: 'handBack' };


/**
 * The agent's toolbar for a live conversation: assign (to me / to someone / nobody; `people` is
 * empty for agents, who may only take a conversation themselves), transfer to
 * another team, hand back to the bot (only while a person has it) and resolve.
 */
export function ConversationActions({
  status,
  assigneeId,
  team,
  me,
  people,
  busy,
  pending,
  onAction,
}: {
  status: ConversationStatus;
  assigneeId: string | null;
  team: string | null;
  me: Person | null;
  people: Person[];
  busy: boolean;
  pending: 'resolve' | 'handBack' | null;
  onAction: (action: ConversationAction) => void;
}) {
  const assigneeSelectId = useId();
  const mine = me !== null && assigneeId === me.id;
  return (
    <div className={styles.actions} role="toolbar" aria-label="Conversation actions" data-testid="conversation-actions">
      <div className={styles.actionsGroup}>
        {mine ? (
          <button
            type="button"
            className="btn btn-sm"
            disabled={busy}
            onClick={() => onAction({ type: 'assign', agentId: null })}
            data-testid="unassign"
          >
            <Icon name="x" size={13} />
            Unassign
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-sm"
            disabled={busy || !me}
            onClick={() => me && onAction({ type: 'assign', agentId: me.id })}
            data-testid="assign-to-me"
            title={me ? `Assign to ${me.name}` : undefined}
          >
            <Icon name="user-check" size={13} />
            Assign to me
          </button>
        )}
        {people.length > 0 ? (
          <>
            <label htmlFor={assigneeSelectId} className="sr-only">
              Assignee
            </label>
            <select
              id={assigneeSelectId}
              className={`select ${styles.assigneeSelect}`}
              value={assigneeId ?? ''}
              disabled={busy}
              onChange={(event) => onAction({ type: 'assign', agentId: event.target.value || null })}
              data-testid="assignee-select"
            >
              <option value="">Unassigned</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                  {person.id === me?.id ? ' (you)' : ''}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <TransferControl currentTeam={team} disabled={busy} onTransfer={(to) => onAction({ type: 'transfer', team: to })} />
      </div>
      <div className={styles.actionsGroup}>
        {status === 'handoff' ? (
          <button
            type="button"
            className="btn btn-sm"
            disabled={busy}
            onClick={() => onAction({ type: 'handBack' })}
            data-testid="hand-back"
            title="The bot carries on from the handoff step's “Handed back” path"
          >
            <Icon name="corner-up-left" size={13} />
            {pending === 'handBack' ? 'Handing back…' : 'Hand back to bot'}
          </button>
        ) : null}
        <button
          type="button"
          className={`btn btn-sm ${styles.resolveButton}`}
          disabled={busy}
          onClick={() => onAction({ type: 'resolve' })}
          data-testid="resolve"
        >
          <Icon name="check" size={13} />
          {pending === 'resolve' ? 'Resolving…' : 'Resolve'}
        </button>
      </div>
    </div>
  );
}

function TransferControl({
  currentTeam,
  disabled,
  onTransfer,
}: {
  currentTeam: string | null;
  disabled: boolean;
  onTransfer: (team: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [team, setTeam] = useState('');
  const inputId = useId();
  const listId = useId();
  const helpId = useId();

  const trimmed = team.trim();
  const same = currentTeam !== null && trimmed.toLowerCase() === currentTeam.toLowerCase();
  const valid = trimmed.length > 0 && trimmed.length <= 80 && !same;
  // The workspace's teams (Settings → Teams): a transfer to any other name is refused.
  const { teams } = useWorkspaceNames();
  const suggestions = (teams ?? []).filter((name) => name.toLowerCase() !== currentTeam?.toLowerCase());

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    onTransfer(trimmed);
    setTeam('');
    setOpen(false);
  }

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      label="Transfer to another team"
      className={styles.popover}
      testId="transfer-dialog"
      trigger={
        <button type="button" className="btn btn-sm" disabled={disabled} data-testid="transfer">
          <Icon name="arrow-right-left" size={13} />
          Transfer
        </button>
      }
    >
      <form className={styles.popoverForm} onSubmit={submit}>
        <label htmlFor={inputId} className="field-label">
          Transfer to team
        </label>
        <input
          id={inputId}
          className="input"
          list={listId}
          value={team}
          maxLength={80}
          placeholder="e.g. Billing"
          aria-describedby={helpId}
          aria-invalid={same || undefined}
          onChange={(event) => setTeam(event.target.value)}
          data-testid="transfer-team"
        />
        <datalist id={listId}>
          {suggestions.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <div className={styles.suggestions} role="group" aria-label="Suggested teams">
          {suggestions.map((name) => (
            <button
              key={name}
              type="button"
              className={styles.suggestion}
              aria-pressed={trimmed === name}
              onClick={() => setTeam(name)}
            >
              {name}
            </button>
          ))}
        </div>
        <p id={helpId} className="field-help">
          {same
            ? `It is already with ${currentTeam}.`
            : `Moves it to that team's queue, unassigned${currentTeam ? ` (now: ${currentTeam})` : ''}.`}
        </p>
        <div className={styles.popoverActions}>
          <PopoverClose asChild>
            <button type="button" className="btn btn-sm btn-ghost">
              Cancel
            </button>
          </PopoverClose>
          <button type="submit" className="btn btn-sm btn-primary" disabled={!valid} data-testid="transfer-submit">
            Transfer
          </button>
        </div>
      </form>
    </Popover>
  );
}
