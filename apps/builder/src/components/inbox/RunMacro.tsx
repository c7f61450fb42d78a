'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Icon } from '@/components/ui/Icon';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './labels.module.css';

/**
 * "Run macro": the workspace's macros; running one applies all its actions on the server, in
 * order, or none of them (the error says what was missing).
 */
export function RunMacro({ conversationId, onDone }: { conversationId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const macros = useQuery({ ...trpc.macros.list.queryOptions(), enabled: open });
  const run = useMutation(trpc.macros.run.mutationOptions({ onSuccess: () => setOpen(false), onSettled: onDone }));
  return (
    <div className={styles.pickerWrap}>
      <button type="button" className="btn btn-sm" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="macro-toggle">
        <Icon name="sparkles" size={13} />
        Run macro
      </button>
      {open ? (
        <div className={`${styles.picker} ${styles.pickerRight}`} role="menu" aria-label="Macros" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)} data-testid="macro-menu">
          {macros.data?.length === 0 ? <p className={styles.pickerEmpty}>No macros yet.</p> : null}
          {macros.data?.map((macro) => (
            <button
              key={macro.id}
              type="button"
              role="menuitem"
              className={styles.menuItem}
              disabled={run.isPending}
              onClick={() => run.mutate({ macroId: macro.id, conversationId })}
              data-testid={`macro-${macro.name}`}
            >
              <strong>{macro.name}</strong>
              <span>{macro.actions.length} {macro.actions.length === 1 ? 'action' : 'actions'}</span>
            </button>
          ))}
        </div>
      ) : null}
      {run.error ? (
        <p className={styles.pickerError} role="alert" data-testid="macro-error">
          {errorMessage(run.error)}
        </p>
      ) : null}
    </div>
  );
}
