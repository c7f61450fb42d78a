'use client';

import { usePathname } from 'next/navigation';
import { useLiveStatus } from '@/lib/live-updates';
import styles from './shell.module.css';

/**
 * Says so while live updates are down (the network dropped, the API restarts): the pages fall
 * back to polling meanwhile, and the stream catches up on what it missed when it is back. The
 * inbox says it in its own header instead (this pill would cover its composer).
 */
export function LiveIndicator() {
  const status = useLiveStatus();
  const inInbox = usePathname().startsWith('/inbox');
  return (
    <div role="status" aria-live="polite" className={styles.liveIndicator} data-testid="live-status" data-status={status} hidden={status !== 'down' || inInbox}>
      <span className={styles.liveDot} aria-hidden="true" />
      Reconnecting…
    </div>
  );
}
