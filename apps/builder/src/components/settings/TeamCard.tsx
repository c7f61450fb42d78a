'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { ConfirmDialog, Icon } from '@parley/ui';
import type { Person, TeamRow } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { PresenceDot } from './PresenceDot';
import { distributionLabel, formErrors, TeamForm } from './TeamForm';
import settings from './settings.module.css';
import styles from './teams.module.css';

/** One team: its settings, its people (with presence) and, for admins, edit, delete and membership. */
export function TeamCard({ team, people, canManage }: { team: TeamRow; people: readonly Person[]; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const addId = useId();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [adding, setAdding] = useState('');
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.teams.list.queryFilter());
    void queryClient.invalidateQueries(trpc.teams.names.queryFilter());
  };
  const update = useMutation(trpc.teams.update.mutationOptions({ onSuccess: () => setEditing(false), onSettled: refresh }));
  const remove = useMutation(trpc.teams.delete.mutationOptions({ onSuccess: () => setConfirmDelete(false), onSettled: refresh }));
  const addMember = useMutation(trpc.teams.addMember.mutationOptions({ onSuccess: () => setAdding(''), onSettled: refresh }));
  const removeMember = useMutation(trpc.teams.removeMember.mutationOptions({ onSettled: refresh }));
  const outside = people.filter((person) => !team.members.some((member) => member.id === person.id));
  const membershipError = addMember.error ?? removeMember.error;

  return (
    <li className={styles.team} data-testid={`team-${team.name}`}>
      {editing ? (
        <TeamForm
          initial={{ name: team.name, description: team.description, distribution: team.distribution, offerTimeoutSeconds: team.offerTimeoutSeconds }}
          submitLabel="Save team"
          pending={update.isPending}
          errors={formErrors(update.error)}
          onSubmit={(fields) => update.mutate({ id: team.id, ...fields })}
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
          testId="team-edit-form"
        />
      ) : (
        <div className={styles.teamHead}>
          <div className={styles.teamTitle}>
            <span className={styles.teamName}>{team.name}</span>
            {team.description ? <span className={settings.rowSub}>{team.description}</span> : null}
            <span className={styles.teamFacts}>
              <span className="badge" data-testid="team-distribution-label">
                {distributionLabel[team.distribution]}
              </span>
              <span className="badge">Offers time out after {team.offerTimeoutSeconds} s</span>
              <span className={team.waiting > 0 ? 'badge badge-warning' : 'badge'} data-testid="team-waiting">
                {team.waiting} waiting
              </span>
              <span className="badge">{team.assigned} being worked</span>
            </span>
          </div>
          {canManage ? (
            <div className={styles.teamActions}>
              <button type="button" className="btn btn-sm" onClick={() => setEditing(true)} data-testid="team-edit">
                <Icon name="pencil" size={14} />
                Edit
              </button>
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => setConfirmDelete(true)} data-testid="team-delete">
                <Icon name="trash" size={14} />
                Delete
              </button>
            </div>
          ) : null}
        </div>
      )}
      {team.members.length === 0 ? (
        <p className={settings.dim}>Nobody is in this team yet{canManage ? ': add the people who work its queue.' : '.'}</p>
      ) : (
        <ul className={styles.members} aria-label={`People in ${team.name}`} data-testid="team-members">
          {team.members.map((member) => (
            <li key={member.id} className={styles.member} data-testid={`team-member-${member.email}`}>
              <Avatar name={member.name} id={member.id} size={22} />
              <PresenceDot presence={member.presence} />
              <span className={styles.memberName}>{member.name}</span>
              {canManage ? (
                <button
                  type="button"
                  className={`btn btn-ghost btn-icon ${styles.removeMember}`}
                  aria-label={`Remove ${member.name} from ${team.name}`}
                  title="Remove from the team"
                  disabled={removeMember.isPending}
                  onClick={() => removeMember.mutate({ teamId: team.id, userId: member.id })}
                >
                  <Icon name="x" size={12} />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage && outside.length > 0 ? (
        <form
          className={styles.addMember}
          onSubmit={(event) => {
            event.preventDefault();
            if (adding) addMember.mutate({ teamId: team.id, userId: adding });
          }}
        >
          <label htmlFor={addId} className="sr-only">
            Add a person to {team.name}
          </label>
          <select id={addId} className="select" value={adding} onChange={(event) => setAdding(event.target.value)} data-testid="team-add-person">
            <option value="">Add a person…</option>
            {outside.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-sm" disabled={!adding || addMember.isPending} data-testid="team-add-submit">
            <Icon name="user-plus" size={14} />
            Add
          </button>
        </form>
      ) : null}
      {membershipError ? (
        <p className={settings.error} role="alert">
          {errorMessage(membershipError)}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete the team “${team.name}”?`}
        confirmLabel="Delete team"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ id: team.id })}
        onClose={() => {
          remove.reset();
          setConfirmDelete(false);
        }}
        testId="team-delete-dialog"
      >
        Its people stay in the workspace. A team that a published flow hands off to, or with conversations in its queue, cannot be deleted.
      </ConfirmDialog>
    </li>
  );
}
