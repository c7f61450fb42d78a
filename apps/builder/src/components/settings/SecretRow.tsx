'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog, CopyButton, Icon } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { fullDateTime, relativeTime } from '@/lib/format';
import { secretReference } from '@/lib/secrets';
import { useTRPC } from '@/lib/trpc';
import { SecretForm } from './SecretForm';
import styles from './settings.module.css';

export interface SecretSummary {
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** One secret: its name, how a flow uses it (with Copy), when it last changed; replace or delete. */
export function SecretRow({ secret }: { secret: SecretSummary }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [replacing, setReplacing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.secrets.delete.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        void queryClient.invalidateQueries(trpc.secrets.list.queryFilter());
      },
    }),
  );
  const reference = secretReference(secret.name);
  return (
    <li className={styles.row} data-testid={`secret-${secret.name}`}>
      <div className={styles.rowMain}>
        <span className={styles.keyIcon} aria-hidden="true">
          <Icon name="lock" size={15} />
        </span>
        <div className={styles.rowText}>
          <span className={`${styles.rowName} mono`} data-testid="secret-name-text">
            {secret.name}
          </span>
          <span className={styles.rowSub}>
            <span title={fullDateTime(secret.updatedAt)} data-testid="secret-updated">
              {secret.updatedAt === secret.createdAt ? 'added' : 'value replaced'} {relativeTime(secret.updatedAt)}
            </span>
          </span>
        </div>
      </div>
      <div className={styles.rowActions}>
        <span className={styles.referenceGroup}>
          <code className={styles.reference}>{reference}</code>
          <CopyButton text={reference} label={`Copy ${reference}`} testId="secret-copy-reference" />
        </span>
        <button type="button" className="btn btn-sm" onClick={() => setReplacing((open) => !open)} aria-expanded={replacing} data-testid="secret-replace">
          <Icon name="pencil" size={13} />
          Replace value
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${secret.name}`} data-testid="secret-delete">
          <Icon name="trash" size={13} />
          <span aria-hidden="true">Delete</span>
        </button>
      </div>
      {replacing ? (
        <div className={styles.rowPanel}>
          <SecretForm name={secret.name} onDone={() => setReplacing(false)} />
        </div>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          open
          title={`Delete ${secret.name}?`}
          confirmLabel="Delete secret"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate({ name: secret.name })}
          onClose={() => {
            setConfirming(false);
            remove.reset();
          }}
          testId="secret-delete-dialog"
        >
          <p>
            Flows that use <code className="mono">{reference}</code> fail at that step until a secret with this name is added again. The value cannot be
            recovered.
          </p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
