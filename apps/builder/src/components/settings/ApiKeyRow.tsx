'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Icon } from '@parley/ui';
import type { ApiKeyRow as ApiKey } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { fullDateTime, relativeTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './settings.module.css';

/** One key: its name, visible prefix, scope, when it was last used; revocable while active. */
export function ApiKeyRow({ apiKey }: { apiKey: ApiKey }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({ onSettled: () => void queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter()) }),
  );
  const revoked = apiKey.revokedAt !== null;
  return (
    <li className={styles.row} data-testid={`api-key-${apiKey.name}`} data-revoked={revoked || undefined}>
      <div className={styles.rowMain}>
        <span className={listIcon(revoked)} aria-hidden="true">
          <Icon name="key-round" size={15} />
        </span>
        <div className={styles.rowText}>
          <span className={styles.rowName}>{apiKey.name}</span>
          <span className={styles.rowSub}>
            <span className="mono">{apiKey.prefix}…</span> · created {relativeTime(apiKey.createdAt)} ·{' '}
            <span title={apiKey.lastUsedAt ? fullDateTime(apiKey.lastUsedAt) : undefined}>
              {apiKey.lastUsedAt ? `last used ${relativeTime(apiKey.lastUsedAt)}` : 'never used'}
            </span>
          </span>
          {revoke.isError ? (
            <span className={styles.error} role="alert">
              {errorMessage(revoke.error)}
            </span>
          ) : null}
        </div>
      </div>
      <div className={styles.rowActions}>
        <span className="badge badge-accent">{apiKey.scope}</span>
        {revoked ? (
          <span className="badge" title={fullDateTime(apiKey.revokedAt!)}>
            Revoked
          </span>
        ) : (
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            disabled={revoke.isPending}
            onClick={() => {
              if (window.confirm(`Revoke “${apiKey.name}”? Calls with it fail from now on.`)) revoke.mutate({ id: apiKey.id });
            }}
            data-testid="api-key-revoke"
          >
            <Icon name="x" size={13} />
            Revoke
          </button>
        )}
      </div>
    </li>
  );
}

function listIcon(revoked: boolean): string {
  return revoked ? `${styles.keyIcon} ${styles.keyIconRevoked}` : styles.keyIcon!;
}
