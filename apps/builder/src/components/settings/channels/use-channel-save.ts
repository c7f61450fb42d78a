import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { WorkspaceChannel } from '@/lib/api-types';
import { useTRPC } from '@/lib/trpc';
import { formErrors } from '../TeamForm';

/**
 * Saving a channel of any kind: create when there is none yet, else update; once saved, the list
 * is fresh before the editor switches to the saved channel (so it opens with its values). `after`
 * runs first, e.g. to clear write-only credentials from the form or keep a secret shown once.
 */
export function useChannelSave<Result extends WorkspaceChannel>(channel: WorkspaceChannel | undefined, onSaved: (id: string) => void, after?: (result: Result) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const done = async (result: WorkspaceChannel) => {
    setSaved(true);
    after?.(result as Result);
    await queryClient.invalidateQueries(trpc.channels.list.queryFilter());
    onSaved(result.id);
  };
  const create = useMutation(trpc.channels.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.channels.update.mutationOptions({ onSuccess: done }));
  const save = channel ? update : create;
  return {
    saved,
    setSaved,
    save,
    errors: formErrors(save.error),
    submit(input: Parameters<typeof create.mutate>[0]) {
      if (channel) update.mutate({ ...input, id: channel.id });
      else create.mutate(input);
    },
  };
}
