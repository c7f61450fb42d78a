'use client';

import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { isBarePath, isPublicPath } from '@/lib/public-paths';
import { LiveUpdates } from '@/lib/live-updates';
import { useMe } from '@/lib/session';
import { LiveIndicator } from './LiveIndicator';
import { SignedInGate } from './SignedInGate';
import { Sidebar } from './Sidebar';
import styles from './shell.module.css';

/**
 * The frame around every page. Sign-in screens stand alone; the customer's web chat is open to
 * anyone (with the sidebar when a teammate previews it signed in); every other page waits for
 * `account.me` and sends a signed-out visitor to the sign-in page.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const me = useMe();
  if (isBarePath(pathname)) {
    return (
      <main className={styles.bare} id="main">
        {children}
      </main>
    );
  }
  const gated = !isPublicPath(pathname);
  const withSidebar = gated || Boolean(me.data?.active);
  // One stream per signed-in person who reads conversations (analysts read reports only).
  const live = Boolean(me.data?.active?.permissions.includes('conversations:read'));
  // One tree either way: the sidebar appearing once `account.me` answers must not remount the page
  // (the web chat would lose its state).
  return (
    <LiveUpdates enabled={live}>
      <div className={withSidebar ? styles.shell : styles.bareShell}>
        {withSidebar ? <Sidebar /> : null}
        <main className={styles.main} id="main">
          {gated ? <SignedInGate>{children}</SignedInGate> : children}
        </main>
        <LiveIndicator />
      </div>
    </LiveUpdates>
  );
}
