'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Icon, QueryList } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { ApiKeyRow } from './ApiKeyRow';
import { RequirePermission } from './RequirePermission';
import { SecretOnce } from './SecretOnce';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

const SCOPES = {
  read: { label: 'Read', help: 'Conversations, flows, knowledge and reports, read only' },
  write: { label: 'Write', help: 'Read, plus start conversations and change flows and knowledge' },
  admin: { label: 'Admin', help: 'Write, plus the audit log and workspace settings' },
} as const;
type Scope = keyof typeof SCOPES;

function CreateKey() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  const scopeId = useId();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Scope>('read');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (result, input) => {
        setCreated({ name: input.name, key: result.key });
        setName('');
        void queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter());
      },
    }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim(), scope });
  }
  return (
    <section className={styles.card} aria-label="Create an API key">
      <h2 className={styles.cardTitle}>Create a key</h2>
      {created ? (
        <SecretOnce
          title={`API key “${created.name}”`}
          value={created.key}
          note={
            <>
              Copy it now: it is shown only once. Send it as <code className="mono">Authorization: Bearer &lt;key&gt;</code>.
            </>
          }
          onDone={() => setCreated(null)}
          testId="api-key-created"
        />
      ) : null}
      <form className={styles.formRow} onSubmit={submit} data-testid="api-key-form">
        <div className="field">
          <label htmlFor={nameId} className="field-label">
            Name
          </label>
          <input id={nameId} className="input" required maxLength={80} placeholder="e.g. CRM sync" value={name} onChange={(event) => setName(event.target.value)} data-testid="api-key-name" />
        </div>
        <div className="field">
          <label htmlFor={scopeId} className="field-label">
            Scope
          </label>
          <select
            id={scopeId}
            className="select"
            value={scope}
            aria-describedby={`${scopeId}-help`}
            onChange={(event) => setScope(event.target.value as Scope)}
            data-testid="api-key-scope"
          >
            {(Object.keys(SCOPES) as Scope[]).map((option) => (
              <option key={option} value={option}>
                {SCOPES[option].label}
              </option>
            ))}
          </select>
          <p id={`${scopeId}-help`} className="field-help">
            {SCOPES[scope].help}
          </p>
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim()} data-testid="api-key-submit">
          <Icon name="key-round" size={14} />
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {create.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(create.error)}
        </p>
      ) : null}
    </section>
  );
}

function Keys() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  return (
    <>
      <CreateKey />
      <QueryList
        query={keys}
        noun="API keys"
        empty={{ icon: 'key-round', title: 'No API keys yet', testId: 'api-keys-empty', text: 'Keys let your other systems call Parley: start conversations, read transcripts and reports.' }}
      >
        {(items) => (
          <ul className={styles.list} data-testid="api-keys">
            {items.map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} />
            ))}
          </ul>
        )}
      </QueryList>
    </>
  );
}

/** API keys for server-to-server calls: created with a scope, shown once, revocable. */
export function ApiKeysScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="API keys" subtitle="For your servers and integrations. A key acts for the workspace, never as a person." />
      <RequirePermission permission="apiKeys:manage">
        <Keys />
      </RequirePermission>
    </div>
  );
}
