'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';

/** How often the dialog re-reads a running check's progress. */
const POLL_MS = 700;

/**
 * The publish dialog's replay check: saves the draft when it has edits, starts the check on the
 * server, polls its progress until it is done, and cancels it when the dialog gives up on it.
 */
export function useReplayCheck(flowId: string, saveFirst: () => Promise<boolean>) {
  const trpc = useTRPC();
  const [checkId, setCheckId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const start = useMutation(trpc.replayChecks.start.mutationOptions());
  const cancelMutation = useMutation(trpc.replayChecks.cancel.mutationOptions());
  const check = useQuery({
    ...trpc.replayChecks.get.queryOptions({ id: checkId ?? '' }),
    enabled: checkId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });

  const run = useCallback(async () => {
    setFailure(null);
    setCheckId(null);
    try {
      if (!(await saveFirst())) return;
      setCheckId((await start.mutateAsync({ flowId })).id);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }, [flowId, saveFirst, start]);

  const current = checkId ? check.data : undefined;
  const running = start.isPending || current?.status === 'running';

  /** Stops a running check (the dialog closed, or the admin clicked Stop) and forgets its result. */
  const reset = useCallback(() => {
    if (checkId && current?.status === 'running') cancelMutation.mutate({ id: checkId });
    setCheckId(null);
    setFailure(null);
  }, [checkId, current?.status, cancelMutation]);

  return { check: current, running, failure, run, reset };
}
