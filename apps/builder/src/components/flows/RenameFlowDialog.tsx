'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormDialog } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { FlowNamingFields } from './FlowNamingFields';

export interface FlowNaming {
  id: string;
  name: string;
  description: string;
}

/** Modal form to rename a flow and change its description. */
export function RenameFlowDialog({ flow, onClose }: { flow: FlowNaming | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  const rename = useMutation(
    trpc.flows.rename.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
          flow ? queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ id: flow.id }) }) : null,
        ]);
        onClose();
      },
    }),
  );

  return (
    <FormDialog
      open={flow !== null}
      title="Rename flow"
      onOpen={() => {
        rename.reset();
        setName(flow?.name ?? '');
        setDescription(flow?.description ?? '');
      }}
      onSubmit={() => {
        if (flow && name.trim()) rename.mutate({ id: flow.id, name: name.trim(), description: description.trim() });
      }}
      onClose={onClose}
      testId="rename-flow-dialog"
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!name.trim() || rename.isPending}>
            {rename.isPending ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <FlowNamingFields name={name} description={description} onName={setName} onDescription={setDescription} />
      {rename.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(rename.error)}
        </p>
      ) : null}
    </FormDialog>
  );
}
