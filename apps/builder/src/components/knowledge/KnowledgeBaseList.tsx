'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Icon, EmptyState, ErrorState } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { fullDateTime, relativeTime } from '@/lib/format';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import styles from './knowledge.module.css';
import listPage from '@/components/ui/listPage.module.css';

/** The workspace's knowledge bases, and a form to add one. */
export function KnowledgeBaseList() {
  const trpc = useTRPC();
  const canManage = useCan('knowledge:manage');
  const queryClient = useQueryClient();
  const router = useRouter();
  const bases = useQuery(trpc.knowledge.bases.list.queryOptions());
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const ids = { name: useId(), description: useId() };
  const create = useMutation(
    trpc.knowledge.bases.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.knowledge.bases.list.queryKey() });
        router.push(`/knowledge/${id}`);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim(), description: description.trim() || undefined });
  }

  return (
    <div className={listPage.page}>
      <header className={listPage.header}>
        <div>
          <h1 className={listPage.title}>Knowledge</h1>
          <p className={listPage.subtitle}>Documents your assistant answers from, with their sources cited.</p>
        </div>
      </header>

      <div className={styles.columns}>
        <section aria-label="Knowledge bases">
          {bases.isPending ? (
            <ul className={listPage.list} aria-busy="true" aria-label="Loading knowledge bases">
              {[0, 1].map((i) => (
                <li key={i} className={listPage.row}>
                  <div className={listPage.rowMain}>
                    <div className="skeleton" style={{ width: 160, height: 14 }} />
                    <div className="skeleton" style={{ width: 280, height: 12, marginTop: 8 }} />
                  </div>
                </li>
              ))}
            </ul>
          ) : bases.isError ? (
            <div className={listPage.panel}>
              <ErrorState error={bases.error} title="Could not load knowledge bases" onRetry={() => void bases.refetch()} />
            </div>
          ) : bases.data.length === 0 ? (
            <div className={listPage.panel}>
              <EmptyState icon="book-open" title="No knowledge bases yet" testId="knowledge-empty">
                A knowledge base holds help articles, FAQs or manuals. Knowledge-answer and AI-reply steps search it by name.
              </EmptyState>
            </div>
          ) : (
            <ul className={listPage.list} data-testid="knowledge-bases">
              {bases.data.map((base) => (
                <li key={base.id} className={listPage.row}>
                  <Link href={`/knowledge/${base.id}`} className={listPage.rowLink} data-testid={`knowledge-base-${base.name}`}>
                    <span className={listPage.rowIcon} aria-hidden="true">
                      <Icon name="book-open" size={16} />
                    </span>
                    <span className={listPage.rowMain}>
                      <span className={listPage.rowName}>{base.name}</span>
                      <span className={listPage.rowDescription}>{base.description || 'No description'}</span>
                    </span>
                    <span className={listPage.rowMeta}>
                      <span className="badge">
                        {base.documentCount} {base.documentCount === 1 ? 'document' : 'documents'}
                      </span>
                      <time className={listPage.rowTime} dateTime={base.updatedAt} title={fullDateTime(base.updatedAt)}>
                        Updated {relativeTime(base.updatedAt)}
                      </time>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>

        {canManage ? (
          <form className={styles.card} onSubmit={submit} aria-label="New knowledge base" data-testid="new-knowledge-base">
            <h2 className={styles.cardTitle}>New knowledge base</h2>
            <div className="field">
              <label htmlFor={ids.name} className="field-label">
                Name
              </label>
              <input id={ids.name} className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder="e.g. Returns FAQ" required />
              <span className="field-help">Steps refer to it by this name.</span>
            </div>
            <div className="field">
              <label htmlFor={ids.description} className="field-label">
                Description <span className={styles.optional}>(optional)</span>
              </label>
              <textarea id={ids.description} className="textarea" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
            </div>
            {create.isError ? (
              <p className="field-error" role="alert">
                {errorMessage(create.error)}
              </p>
            ) : null}
            <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim()}>
              <Icon name="plus" size={14} />
              {create.isPending ? 'Creating…' : 'Create'}
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
