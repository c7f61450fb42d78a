'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Icon, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { parseDraft, toDraft, type RetentionDraft } from '@/lib/retention';
import { useTRPC } from '@/lib/trpc';
import { RequirePermission } from './RequirePermission';
import { RetentionField } from './RetentionField';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

type Key = 'retainTranscriptsDays' | 'retainRecordingsDays' | 'retainAuditDays';

/** The three periods, in the order the sweep handles them, with what each one deletes. */
const FIELDS: { key: Key; name: string; label: string; help: string }[] = [
  {
    key: 'retainTranscriptsDays',
    name: 'transcripts',
    label: 'Conversations',
    help: 'Resolved and closed conversations — messages, variables, steps and their workflow history — this long after their last activity. Open conversations are never deleted.',
  },
  { key: 'retainRecordingsDays', name: 'recordings', label: 'Call recordings', help: 'Callers’ voice recordings this long after they were made. The call’s transcript follows the conversation period.' },
  { key: 'retainAuditDays', name: 'audit', label: 'Audit log', help: 'Audit events this long after they happened.' },
];

type Drafts = Record<Key, RetentionDraft>;

function RetentionForm({ saved }: { saved: Record<Key, number | null> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(saved));
  const [localErrors, setLocalErrors] = useState<Partial<Record<Key, string>>>({});
  const save = useMutation(
    trpc.settings.setRetention.mutationOptions({
      onSuccess: (after) => {
        queryClient.setQueryData(trpc.settings.retention.queryKey(), after);
        setDrafts(draftsOf(after));
      },
    }),
  );

  const serverErrors = save.isError ? fieldErrors(save.error) : {};
  const errors: Partial<Record<Key, string>> = { ...serverErrors, ...localErrors };
  const dirty = FIELDS.some(({ key }) => {
    const parsed = parseDraft(drafts[key]);
    return !parsed.ok || parsed.days !== saved[key];
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const values: Partial<Record<Key, number | null>> = {};
    const problems: Partial<Record<Key, string>> = {};
    for (const { key } of FIELDS) {
      const parsed = parseDraft(drafts[key]);
      if (parsed.ok) values[key] = parsed.days;
      else problems[key] = parsed.error;
    }
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate(values as Record<Key, number | null>);
  }

  function change(key: Key, draft: RetentionDraft) {
    setDrafts((current) => ({ ...current, [key]: draft }));
    setLocalErrors((current) => ({ ...current, [key]: undefined }));
    if (save.isSuccess || save.isError) save.reset();
  }

  return (
    <form className={styles.card} onSubmit={submit} noValidate data-testid="retention-form">
      <h2 className={styles.cardTitle}>How long Parley keeps data</h2>
      <div className={styles.retentionGrid}>
        {FIELDS.map((field) => (
          <RetentionField
            key={field.key}
            name={field.name}
            label={field.label}
            help={field.help}
            draft={drafts[field.key]}
            error={errors[field.key]}
            onChange={(draft) => change(field.key, draft)}
          />
        ))}
      </div>
      <div className={styles.formFooter}>
        <button type="submit" className="btn btn-primary" disabled={save.isPending || !dirty} data-testid="retention-save">
          <Icon name="save" size={14} />
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        {save.isSuccess ? (
          <span className={styles.success} role="status" data-testid="retention-saved">
            <Icon name="check-circle" size={14} />
            Saved. The next sweep applies it.
          </span>
        ) : null}
        {save.isError && Object.keys(serverErrors).length === 0 ? (
          <span className="field-error" role="alert" data-testid="retention-save-error">
            {errorMessage(save.error)}
          </span>
        ) : null}
      </div>
    </form>
  );
}

function draftsOf(values: Record<Key, number | null>): Drafts {
  return { retainTranscriptsDays: toDraft(values.retainTranscriptsDays), retainRecordingsDays: toDraft(values.retainRecordingsDays), retainAuditDays: toDraft(values.retainAuditDays) };
}

function Retention() {
  const trpc = useTRPC();
  const retention = useQuery(trpc.settings.retention.queryOptions());
  if (retention.isPending) return <LoadingState label="Loading retention…" />;
  if (retention.isError) return <ErrorState error={retention.error} title="Could not load retention settings" onRetry={() => void retention.refetch()} />;
  return (
    <>
      <RetentionForm saved={retention.data} />
      <section className={styles.note} aria-label="How the sweep works">
        <Icon name="info" size={16} className={styles.noteIcon} />
        <div>
          <p>
            <strong>A sweep runs every day</strong> and deletes, for good, what is older than these periods: resolved and closed conversations with
            their messages and workflow histories, callers’ recordings, and audit events. Nothing is deleted while a period is set to “Keep until
            erased”.
          </p>
          <p className={styles.dim}>To remove one person’s data right away, erase the contact under Contacts &amp; erasure.</p>
        </div>
      </section>
    </>
  );
}

/** How long conversations, recordings and audit events are kept before the daily sweep deletes them. */
export function RetentionScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Data retention" subtitle="Keep customer data only as long as you need it." />
      <RequirePermission permission="settings:manage">
        <Retention />
      </RequirePermission>
    </div>
  );
}
