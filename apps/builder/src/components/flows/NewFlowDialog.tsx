'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormDialog } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { FlowNamingFields } from './FlowNamingFields';

/** Modal form that creates a flow and opens it in the editor. */
export function NewFlowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  const create = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        router.push(`/flows/${id}`);
      },
    }),
  );

  return (
    <FormDialog
      open={open}
      title="New flow"
      onOpen={() => {
        create.reset();
        setName('');
        setDescription('');
      }}
      onSubmit={() => {
        const trimmed = name.trim();
        if (trimmed) create.mutate({ name: trimmed, description: description.trim() || undefined });
      }}
      onClose={onClose}
      testId="new-flow-dialog"
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
            {create.isPending ? 'Creating…' : 'Create flow'}
          </button>
        </>
      }
    >
      <FlowNamingFields
        name={name}
        description={description}
        onName={setName}
        onDescription={setDescription}
        placeholders={{ name: 'e.g. Support triage', description: 'What this flow is for' }}
      />
      {create.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(create.error)}
        </p>
      ) : null}
    </FormDialog>
  );
}
