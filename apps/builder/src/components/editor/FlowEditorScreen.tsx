'use client';

import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import Link from 'next/link';
import { EmptyState, ErrorState, LoadingState } from '@parley/ui';
import { errorCode } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { FlowEditor } from './FlowEditor';

/** Loads a flow and opens it in the editor. */
export function FlowEditorScreen({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const flow = useQuery({ ...trpc.flows.get.queryOptions({ id: flowId }), refetchOnWindowFocus: false });

  if (flow.isPending) return <LoadingState label="Loading flow…" />;
  if (flow.isError) {
    if (errorCode(flow.error) === 'NOT_FOUND') {
      return (
        <EmptyState
          icon="workflow"
          title="Flow not found"
          action={
            <Link href="/flows" className="btn">
              Back to flows
            </Link>
          }
        >
          It may have been deleted, or the link is wrong.
        </EmptyState>
      );
    }
    return <ErrorState error={flow.error} title="Could not load the flow" onRetry={() => void flow.refetch()} />;
  }
  return (
    <ReactFlowProvider>
      <FlowEditor flow={flow.data} />
    </ReactFlowProvider>
  );
}
