'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { Icon } from '@parley/ui';
import { useMe } from '@/lib/session';
import { allowedItems, mainNav, settingsNav, type NavItem } from './nav-items';
import { UserMenu } from './UserMenu';
import styles from './shell.module.css';

function NavLink({ item, pathname }: { item: NavItem; pathname: string }) {
  const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
  const ref = useRef<HTMLAnchorElement>(null);
  // On a phone the sidebar is one scrolling row: bring the current section into view.
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);
  return (
    <Link
      ref={ref}
      href={item.href}
      className={styles.navItem}
      aria-current={active ? 'page' : undefined}
      data-testid={`nav-${item.testName ?? item.href.split('/').pop()}`}
    >
      <Icon name={item.icon} size={16} />
      <span className={styles.navLabel}>{item.label}</span>
    </Link>
  );
}

/** The sections the person's role may use, the settings they may manage, and who they are. */
export function Sidebar() {
  const pathname = usePathname();
  const me = useMe();
  const permissions = me.data?.active?.permissions ?? [];
  const main = allowedItems(mainNav, permissions);
  const settings = allowedItems(settingsNav, permissions);
  return (
    <aside className={styles.sidebar}>
      <Link href="/flows" className={styles.brand} aria-label="Parley home">
        <span className={styles.logo} aria-hidden="true">
          P
        </span>
        <span className={styles.brandName}>Parley</span>
      </Link>
      <nav aria-label="Main" className={styles.nav}>
        {main.map((item) => (
          <NavLink key={item.href} item={item} pathname={pathname} />
        ))}
        {settings.length > 0 ? (
          <>
            <span className={styles.navHeading}>Settings</span>
            {settings.map((item) => (
              <NavLink key={item.href} item={item} pathname={pathname} />
            ))}
          </>
        ) : null}
      </nav>
      {me.data?.active ? <UserMenu me={me.data} /> : null}
    </aside>
  );
}
