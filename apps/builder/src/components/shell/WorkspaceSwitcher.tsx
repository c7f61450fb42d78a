'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import type { Me } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './shell.module.css';

/**
 * The workspace the person acts in; with more than one, a picker. Switching changes what every
 * answer contains, so every cached answer is reset and the flows page opens.
 */
export function WorkspaceSwitcher({ workspaces, activeId }: { workspaces: NonNullable<Me>['workspaces']; activeId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const switchWorkspace = useMutation(
    trpc.account.switchWorkspace.mutationOptions({
      onSuccess: async () => {
        router.push('/flows');
        await queryClient.resetQueries();
      },
    }),
  );
  const active = workspaces.find((workspace) => workspace.id === activeId);
  if (workspaces.length < 2) {
    return (
      <p className={styles.workspaceName} title={active?.name} data-testid="workspace-name">
        {active?.name}
      </p>
    );
  }
  return (
    <div className={styles.workspaceSwitcher}>
      <label htmlFor={id} className="sr-only">
        Workspace
      </label>
      <select
        id={id}
        className="select"
        value={activeId}
        disabled={switchWorkspace.isPending}
        onChange={(event) => switchWorkspace.mutate({ workspaceId: event.target.value })}
        data-testid="workspace-switcher"
      >
        {workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
      {switchWorkspace.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(switchWorkspace.error)}
        </p>
      ) : null}
    </div>
  );
}
