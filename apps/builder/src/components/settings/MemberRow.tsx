'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import type { MemberRow as Member, WorkspaceRole } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { roleLabel, ROLE_OPTIONS } from '@/lib/roles';
import { useTRPC } from '@/lib/trpc';
import { CapacityFields } from './CapacityFields';
import styles from './settings.module.css';

/** One member: name, email, role (changeable) and status (deactivate / reactivate). */
export function MemberRow({ member, isSelf, grantable }: { member: Member; isSelf: boolean; grantable: readonly WorkspaceRole[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roleId = useId();
  const refresh = () => void queryClient.invalidateQueries(trpc.members.list.queryFilter());
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSettled: refresh }));
  const setActive = useMutation(trpc.members.setActive.mutationOptions({ onSettled: refresh }));
  // Nobody changes themselves, and only an owner touches an owner (the API says the same).
  const manageable = !isSelf && grantable.includes(member.role);
  const [capacityError, setCapacityError] = useState<unknown>(null);
  const error = changeRole.error ?? setActive.error ?? capacityError;
  return (
    <li className={styles.row} data-testid={`member-${member.email}`} data-active={member.active}>
      <div className={styles.rowMain}>
        <Avatar name={member.name} id={member.id} size={30} />
        <div className={styles.rowText}>
          <span className={styles.rowName}>
            {member.name}
            {isSelf ? <span className={styles.dim}> (you)</span> : null}
          </span>
          <span className={styles.rowSub}>{member.email}</span>
          {error ? (
            <span className={styles.error} role="alert">
              {errorMessage(error)}
            </span>
          ) : null}
        </div>
      </div>
      <div className={styles.rowActions}>
        {/* Capacity is for people who work conversations; analysts never take any. */}
        {member.active && member.role !== 'analyst' ? <CapacityFields member={member} onError={setCapacityError} /> : null}
        {member.active ? <span className="badge badge-success">Active</span> : <span className="badge">Deactivated</span>}
        {manageable ? (
          <>
            <label htmlFor={roleId} className="sr-only">
              Role of {member.name}
            </label>
            <select
              id={roleId}
              className="select"
              value={member.role}
              disabled={changeRole.isPending}
              onChange={(event) => changeRole.mutate({ userId: member.id, role: event.target.value as WorkspaceRole })}
              data-testid="member-role"
            >
              {ROLE_OPTIONS.filter((option) => grantable.includes(option)).map((option) => (
                <option key={option} value={option}>
                  {roleLabel[option]}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn-sm"
              disabled={setActive.isPending}
              onClick={() => setActive.mutate({ userId: member.id, active: !member.active })}
              data-testid="member-toggle-active"
            >
              {member.active ? 'Deactivate' : 'Reactivate'}
            </button>
          </>
        ) : (
          <span className="badge badge-accent" data-testid="member-role-label">
            {roleLabel[member.role]}
          </span>
        )}
      </div>
    </li>
  );
}
