'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Icon } from '@parley/ui';
import type { InvitationRow as Invitation } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { fullDateTime, shortDate } from '@/lib/format';
import { roleLabel } from '@/lib/roles';
import { useTRPC } from '@/lib/trpc';
import styles from './settings.module.css';

/** An open invitation: who, which role, until when; revocable. */
export function InvitationRow({ invitation }: { invitation: Invitation }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({ onSettled: () => void queryClient.invalidateQueries(trpc.members.list.queryFilter()) }),
  );
  return (
    <li className={styles.row} data-testid={`invitation-${invitation.email}`}>
      <div className={styles.rowMain}>
        <span className="badge badge-info">
          <Icon name="mail" size={12} />
          Invited
        </span>
        <div className={styles.rowText}>
          <span className={styles.rowName}>{invitation.email}</span>
          <span className={styles.rowSub} title={fullDateTime(invitation.expiresAt)}>
            {roleLabel[invitation.role]} · link valid until {shortDate(invitation.expiresAt)}
          </span>
          {revoke.isError ? (
            <span className={styles.error} role="alert">
              {errorMessage(revoke.error)}
            </span>
          ) : null}
        </div>
      </div>
      <div className={styles.rowActions}>
        <button type="button" className="btn btn-sm btn-ghost" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: invitation.id })} data-testid="invitation-revoke">
          <Icon name="x" size={13} />
          Revoke
        </button>
      </div>
    </li>
  );
}
