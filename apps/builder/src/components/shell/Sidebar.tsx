'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Icon } from '@/components/ui/Icon';
import styles from './shell.module.css';

const nav = [
  { href: '/flows', label: 'Flows', icon: 'workflow' },
  { href: '/inbox', label: 'Inbox', icon: 'inbox' },
  { href: '/chat', label: 'Web chat', icon: 'messages-square' },
  { href: '/knowledge', label: 'Knowledge', icon: 'book-open' },
] as const;

export function Sidebar({ apiUrl }: { apiUrl: string }) {
  const pathname = usePathname();
  return (
    <aside className={styles.sidebar}>
      <Link href="/flows" className={styles.brand} aria-label="Parley home">
        <span className={styles.logo} aria-hidden="true">
          P
        </span>
        <span className={styles.brandName}>Parley</span>
      </Link>
      <nav aria-label="Main" className={styles.nav}>
        {nav.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <Link
              key={item.href}
              href={item.href}
              className={styles.navItem}
              aria-current={active ? 'page' : undefined}
              data-testid={`nav-${item.href.slice(1)}`}
            >
              <Icon name={item.icon} size={16} />
              <span className={styles.navLabel}>{item.label}</span>
            </Link>
          );
        })}
      </nav>
      <div className={styles.sidebarFooter}>
        <span className={styles.footerLabel}>API</span>
        <span className={styles.footerValue} title={apiUrl}>
          {apiUrl.replace(/^https?:\/\//, '')}
        </span>
      </div>
    </aside>
  );
}
