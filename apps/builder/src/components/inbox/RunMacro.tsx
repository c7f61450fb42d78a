'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Icon, Menu, MenuItem, MenuNote } from '@parley/ui';
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
  const run = useMutation(trpc.macros.run.mutationOptions({ onSettled: onDone }));
  return (
    <div className={styles.pickerWrap}>
      <Menu
        open={open}
        onOpenChange={setOpen}
        label="Macros"
        testId="macro-menu"
        trigger={
          <button type="button" className="btn btn-sm" data-testid="macro-toggle">
            <Icon name="sparkles" size={13} />
            Run macro
          </button>
        }
      >
        {macros.data?.length === 0 ? <MenuNote>No macros yet.</MenuNote> : null}
        {macros.isPending ? <MenuNote>Loading…</MenuNote> : null}
        {macros.data?.map((macro) => (
          <MenuItem
            key={macro.id}
            detail={`${macro.actions.length} ${macro.actions.length === 1 ? 'action' : 'actions'}`}
            disabled={run.isPending}
            onSelect={() => run.mutate({ macroId: macro.id, conversationId })}
            testId={`macro-${macro.name}`}
          >
            {macro.name}
          </MenuItem>
        ))}
      </Menu>
      {run.error ? (
        <p className={styles.pickerError} role="alert" data-testid="macro-error">
          {errorMessage(run.error)}
        </p>
      ) : null}
    </div>
  );
}
