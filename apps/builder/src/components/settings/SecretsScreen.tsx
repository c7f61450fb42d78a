'use client';

import { useQuery } from '@tanstack/react-query';
import { CopyButton, QueryList } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import { useTRPC } from '@/lib/trpc';
import { RequirePermission } from './RequirePermission';
import { SecretForm } from './SecretForm';
import { SecretRow } from './SecretRow';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

const EXAMPLE = 'Authorization: Bearer {{secrets.CRM_API_TOKEN}}';

function Secrets() {
  const trpc = useTRPC();
  const secrets = useQuery(trpc.secrets.list.queryOptions());
  const names = secrets.data?.map((secret) => secret.name) ?? [];
  return (
    <>
      <section className={styles.card} aria-labelledby="add-secret-title">
        <h2 id="add-secret-title" className={styles.cardTitle}>
          Add a secret
        </h2>
        <SecretForm existing={names} />
      </section>
      <section className={styles.note} aria-label="Using a secret in a flow">
        <div className={styles.noteBody}>
          <p>
            <strong>Use a secret in a flow</strong> by writing <code className="mono">{'{{secrets.NAME}}'}</code> in an HTTP request’s URL, headers or
            body, or in a custom activity’s inputs. The worker fills it in right before the request; it never appears in transcripts, logs or the
            builder.
          </p>
          <div className={styles.example}>
            <code className={styles.reference}>{EXAMPLE}</code>
            <CopyButton text={EXAMPLE} label="Copy the example header" />
          </div>
        </div>
      </section>
      <h2 className={styles.sectionTitle}>Secrets</h2>
      <QueryList
        query={secrets}
        noun="secrets"
        empty={{ icon: 'shield-check', title: 'No secrets yet', testId: 'secrets-empty', text: 'Add an API token or password above, then use it in your flows’ HTTP requests without ever pasting it into a flow.' }}
      >
        {(items) => (
          <ul className={styles.list} data-testid="secrets">
            {items.map((secret) => (
              <SecretRow key={secret.name} secret={secret} />
            ))}
          </ul>
        )}
      </QueryList>
    </>
  );
}

/** Write-only credentials that flows use by name: listed without values, added, replaced, deleted. */
export function SecretsScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Secrets" subtitle="API tokens and passwords your flows send, stored encrypted and never shown again." />
      <RequirePermission permission="settings:manage">
        <Secrets />
      </RequirePermission>
    </div>
  );
}
