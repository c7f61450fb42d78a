import type { PresenceState } from '@/lib/api-types';
import styles from './teams.module.css';

export const presenceLabel = { online: 'Online', away: 'Away', offline: 'Offline' } satisfies Record<PresenceState, string>;

/** Green online, amber away, hollow offline; the word is for screen readers (and the title for a hover). */
export function PresenceDot({ presence }: { presence: PresenceState }) {
  return <span className={styles.dot} data-presence={presence} role="img" aria-label={presenceLabel[presence]} title={presenceLabel[presence]} />;
}
