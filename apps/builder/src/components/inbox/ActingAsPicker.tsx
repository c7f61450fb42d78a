'use client';

import { useId } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { useActingAgent } from '@/lib/acting-agent';
import styles from './inbox.module.css';

/**
 * Who the inbox works as (replies, "Assign to me", resolve). No login yet: pick yourself here;
 * the choice is remembered in this browser.
 */
export function ActingAsPicker() {
  const { people, agent, setAgentId, users } = useActingAgent();
  const id = useId();
  return (
    <div className={styles.actingAs}>
      {agent ? <Avatar name={agent.name} id={agent.id} size={22} /> : <span className={styles.actingAsBlank} aria-hidden="true" />}
      <label htmlFor={id} className={styles.actingAsLabel}>
        Acting as
      </label>
      <select
        id={id}
        className={`select ${styles.actingAsSelect}`}
        value={agent?.id ?? ''}
        disabled={people.length === 0}
        onChange={(event) => setAgentId(event.target.value)}
        data-testid="acting-as"
        title="There is no sign-in yet: choose who you are. Remembered in this browser."
      >
        {people.length === 0 ? (
          <option value="">{users.isError ? 'Could not load people' : 'Loading…'}</option>
        ) : (
          people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
              {person.role === 'admin' ? ' (admin)' : ''}
            </option>
          ))
        )}
      </select>
    </div>
  );
}
