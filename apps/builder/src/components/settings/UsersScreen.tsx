'use client';

import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { WorkspaceRole } from '@/lib/api-types';
import { ROLE_OPTIONS } from '@/lib/roles';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { InvitationRow } from './InvitationRow';
import { InviteForm } from './InviteForm';
import { MemberRow } from './MemberRow';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

/** Roles a person may hand out: an owner any, an admin all but owner (packages/api mayGrant). */
function grantableBy(role: WorkspaceRole | undefined): readonly WorkspaceRole[] {
  if (role === 'owner') return ROLE_OPTIONS;
  if (role === 'admin') return ROLE_OPTIONS.filter((option) => option !== 'owner');
  return [];
}

function Users() {
  const trpc = useTRPC();
  const me = useMe();
  const list = useQuery(trpc.members.list.queryOptions());
  const grantable = grantableBy(me.data?.active?.role);
  return (
    <>
      <InviteForm grantable={grantable} />
      {list.isPending ? (
        <LoadingState label="Loading members…" />
      ) : list.isError ? (
        <ErrorState error={list.error} title="Could not load members" onRetry={() => void list.refetch()} />
      ) : (
        <>
          <h2 className={styles.sectionTitle}>Members · {list.data.members.length}</h2>
          <ul className={styles.list} data-testid="members">
            {list.data.members.map((member) => (
              <MemberRow key={member.id} member={member} isSelf={member.id === me.data?.user.id} grantable={grantable} />
            ))}
          </ul>
          <h2 className={styles.sectionTitle}>Open invitations · {list.data.invitations.length}</h2>
          {list.data.invitations.length === 0 ? (
            <div className={listPage.panel}>
              <EmptyState icon="mail" title="No open invitations" testId="invitations-empty">
                Invitations you create show here until they are accepted, revoked or expire.
              </EmptyState>
            </div>
          ) : (
            <ul className={styles.list} data-testid="invitations">
              {list.data.invitations.map((invitation) => (
                <InvitationRow key={invitation.id} invitation={invitation} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

/** Users & invitations: who works in the workspace, in which role; invite, change, deactivate. */
export function UsersScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Users" subtitle="Who works in this workspace and what their role lets them do." />
      <RequirePermission permission="members:manage">
        <Users />
      </RequirePermission>
    </div>
  );
}
