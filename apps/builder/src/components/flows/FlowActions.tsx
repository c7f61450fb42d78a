'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog, Icon } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { RenameFlowDialog, type FlowNaming } from './RenameFlowDialog';
import styles from './flows.module.css';

/**
 * Rename, duplicate and delete for the flow list: the row buttons call `open`, and this holds the
 * dialogs and the duplicate's and delete's outcome (one of each on the page, not one per row).
 */
export function useFlowActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState<FlowNaming | null>(null);
  const [deleting, setDeleting] = useState<FlowNaming | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });

  const duplicate = useMutation(
    trpc.flows.duplicate.mutationOptions({
      onSuccess: async ({ name }) => {
        await refreshList();
        setMessage({ kind: 'success', text: `Created “${name}”, a draft copy.` });
      },
      onError: (error) => setMessage({ kind: 'error', text: `Could not duplicate: ${errorMessage(error)}` }),
    }),
  );
  const remove = useMutation(
    trpc.flows.delete.mutationOptions({
      onSuccess: async () => {
        const name = deleting?.name ?? 'The flow';
        setDeleting(null);
        await refreshList();
        setMessage({ kind: 'success', text: `Deleted “${name}”.` });
      },
    }),
  );

  const open = {
    rename: (flow: FlowNaming) => setRenaming(flow),
    duplicate: (flow: FlowNaming) => {
      setMessage(null);
      duplicate.mutate({ id: flow.id });
    },
    delete: (flow: FlowNaming) => {
      remove.reset();
      setDeleting(flow);
    },
  };

  const dialogs = (
    <>
      {message ? (
        <p className={styles.outcome} data-kind={message.kind} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="flow-action-message">
          {message.text}
        </p>
      ) : null}
      <RenameFlowDialog flow={renaming} onClose={() => setRenaming(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete flow"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        onClose={() => setDeleting(null)}
        testId="delete-flow-dialog"
      >
        The flow leaves this list and starts no new conversations. Conversations it already finished stay readable in
        the inbox. A flow with conversations still open cannot be deleted.
      </ConfirmDialog>
    </>
  );

  return { open, dialogs, duplicating: duplicate.isPending ? duplicate.variables?.id : undefined };
}

/** The row's buttons: icon-only, named for screen readers and by their tooltip. */
export function FlowRowActions({ flow, actions, busy }: { flow: FlowNaming; actions: ReturnType<typeof useFlowActions>['open']; busy: boolean }) {
  return (
    <span className={styles.rowActions}>
      <button type="button" className="btn btn-ghost btn-icon" aria-label={`Rename ${flow.name}`} title="Rename" onClick={() => actions.rename(flow)} data-testid="rename-flow">
        <Icon name="pencil" size={15} />
      </button>
      <button type="button" className="btn btn-ghost btn-icon" aria-label={`Duplicate ${flow.name}`} title="Duplicate" disabled={busy} onClick={() => actions.duplicate(flow)} data-testid="duplicate-flow">
        <Icon name="copy" size={15} />
      </button>
      <button type="button" className="btn btn-ghost btn-icon" aria-label={`Delete ${flow.name}`} title="Delete" onClick={() => actions.delete(flow)} data-testid="delete-flow">
        <Icon name="trash" size={15} />
      </button>
    </span>
  );
}
