'use client';

import Link from 'next/link';
import { Avatar } from '@/components/ui/Avatar';
import type { Me } from '@/lib/api-types';
import { roleLabel } from '@/lib/roles';
import { PresenceSwitch } from './PresenceSwitch';
import { SignOutButton } from './SignOutButton';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';
import styles from './shell.module.css';

/**
 * The sidebar's foot: the workspace, the signed-in person (links to their profile), their
 * presence when they work conversations, and sign out.
 */
export function UserMenu({ me }: { me: NonNullable<Me> }) {
  const active = me.active!;
  const works = active.permissions.includes('conversations:work');
  return (
    <div className={styles.userMenu} data-testid="user-menu">
      <WorkspaceSwitcher workspaces={me.workspaces} activeId={active.id} />
      {works ? <PresenceSwitch /> : null}
      <div className={styles.userRow}>
        <Link href="/settings/profile" className={styles.userLink} title="Your profile" data-testid="profile-link">
          <Avatar name={me.user.name} id={me.user.id} size={28} />
          <span className={styles.userText}>
            <span className={styles.userName} data-testid="user-name">
              {me.user.name}
            </span>
            <span className={styles.userRole} data-testid="user-role">
              {roleLabel[active.role]}
            </span>
          </span>
        </Link>
        <SignOutButton className={`btn btn-ghost btn-icon ${styles.signOut}`} iconOnly />
      </div>
    </div>
  );
}
