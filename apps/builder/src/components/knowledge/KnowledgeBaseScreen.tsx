'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { relativeTime } from '@/lib/format';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { DocumentForm, type EditedDocument } from './DocumentForm';
import { SearchTester } from './SearchTester';
import styles from './knowledge.module.css';
import listPage from '@/components/ui/listPage.module.css';

const SOURCE_LABELS: Record<string, string> = { markdown: 'Markdown', text: 'Text', html: 'HTML', pdf: 'PDF' };

/** One knowledge base: its documents (add, edit, delete, see chunks) and the search tester. */
export function KnowledgeBaseScreen({ baseId }: { baseId: string }) {
  const trpc = useTRPC();
  const canManage = useCan('knowledge:manage');
  const queryClient = useQueryClient();
  const router = useRouter();
  const base = useQuery(trpc.knowledge.bases.get.queryOptions({ id: baseId }));
  const [form, setForm] = useState<{ editing?: EditedDocument } | null>(null);
  const [openChunks, setOpenChunks] = useState<string | null>(null);

  const invalidate = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.knowledge.bases.get.queryKey({ id: baseId }) });
    await queryClient.invalidateQueries({ queryKey: trpc.knowledge.bases.list.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.knowledge.search.pathKey() });
  };
  const remove = useMutation(trpc.knowledge.documents.delete.mutationOptions({ onSuccess: invalidate }));
  const removeBase = useMutation(
    trpc.knowledge.bases.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.knowledge.bases.list.queryKey() });
        router.push('/knowledge');
      },
    }),
  );

  async function edit(id: string) {
    const document = await queryClient.fetchQuery(trpc.knowledge.documents.get.queryOptions({ id }));
    setForm({ editing: document });
  }

  if (base.isPending) return <LoadingState label="Loading knowledge base…" />;
  if (base.isError) {
    return (
      <div className={listPage.page}>
        <ErrorState error={base.error} title="Could not load the knowledge base" onRetry={() => void base.refetch()} />
      </div>
    );
  }

  return (
    <div className={`${listPage.page} ${listPage.pageWide}`}>
      <Link href="/knowledge" className={styles.back}>
        <Icon name="arrow-left" size={14} /> Knowledge
      </Link>
      <header className={listPage.header}>
        <div>
          <h1 className={listPage.title} data-testid="knowledge-base-name">
            {base.data.name}
          </h1>
          <p className={listPage.subtitle}>{base.data.description || 'Steps search this knowledge base by its name.'}</p>
        </div>
        {canManage ? (
          <div className={styles.headerActions}>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                if (window.confirm(`Delete “${base.data.name}” and its ${base.data.documents.length} documents?`)) removeBase.mutate({ id: baseId });
              }}
            >
              <Icon name="trash" size={14} /> Delete
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setForm({})} data-testid="add-document">
              <Icon name="plus" size={14} /> Add document
            </button>
          </div>
        ) : null}
      </header>

      <div className={styles.columns}>
        <div className={styles.stack}>
          {form ? <DocumentForm key={form.editing?.id ?? 'new'} baseId={baseId} {...(form.editing ? { editing: form.editing } : {})} onDone={() => setForm(null)} /> : null}
          {remove.isError ? (
            <p className="field-error" role="alert">
              {errorMessage(remove.error)}
            </p>
          ) : null}
          {base.data.documents.length === 0 ? (
            <div className={listPage.panel}>
              <EmptyState icon="book-open" title="No documents yet" testId="documents-empty">
                Paste an article or upload a Markdown, text, HTML or PDF file. It is split into chunks that keep their headings.
              </EmptyState>
            </div>
          ) : (
            <ul className={listPage.list} aria-label="Documents" data-testid="documents">
              {base.data.documents.map((document) => (
                <li key={document.id} className={styles.documentRow} data-testid="document-row">
                  <div className={styles.documentLine}>
                    <span className={listPage.rowIcon} aria-hidden="true">
                      <Icon name="book" size={16} />
                    </span>
                    <span className={listPage.rowMain}>
                      <span className={listPage.rowName}>{document.title}</span>
                      <span className={listPage.rowDescription}>
                        {SOURCE_LABELS[document.sourceType] ?? document.sourceType} · {document.chunkCount} {document.chunkCount === 1 ? 'chunk' : 'chunks'} ·{' '}
                        {formatBytes(document.sizeBytes)} · updated {relativeTime(document.updatedAt)}
                        {document.url ? (
                          <>
                            {' · '}
                            <a href={document.url} target="_blank" rel="noreferrer">
                              link
                            </a>
                          </>
                        ) : null}
                      </span>
                    </span>
                    <span className={styles.rowActions}>
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost"
                        aria-expanded={openChunks === document.id}
                        onClick={() => setOpenChunks(openChunks === document.id ? null : document.id)}
                        data-testid="document-chunks-toggle"
                      >
                        Chunks
                      </button>
                      {canManage ? (
                        <>
                          <button type="button" className="btn btn-sm btn-ghost" onClick={() => void edit(document.id)}>
                            Edit
                          </button>
                          <button
                            type="button"
                            className="btn btn-sm btn-ghost"
                            aria-label={`Delete ${document.title}`}
                            onClick={() => {
                              if (window.confirm(`Delete “${document.title}”?`)) remove.mutate({ id: document.id });
                            }}
                          >
                            <Icon name="trash" size={14} />
                          </button>
                        </>
                      ) : null}
                    </span>
                  </div>
                  {openChunks === document.id ? <ChunkList documentId={document.id} /> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        <SearchTester baseId={baseId} />
      </div>
    </div>
  );
}

function ChunkList({ documentId }: { documentId: string }) {
  const trpc = useTRPC();
  const chunks = useQuery(trpc.knowledge.documents.chunks.queryOptions({ id: documentId }));
  if (chunks.isPending) return <div className="skeleton" style={{ height: 40, margin: '0 18px 14px' }} />;
  if (chunks.isError) return <p className="field-error">{errorMessage(chunks.error)}</p>;
  return (
    <ol className={styles.chunks} data-testid="document-chunks">
      {chunks.data.map((chunk) => (
        <li key={chunk.id} className={styles.chunk}>
          <div className={styles.chunkHeader}>
            <span className="mono">#{chunk.ordinal + 1}</span>
            <span className={styles.headingPath}>{chunk.headingPath.length > 0 ? chunk.headingPath.join(' › ') : '(no heading)'}</span>
            {chunk.embeddingModel ? <span className="badge badge-info">{chunk.embeddingModel}</span> : null}
          </div>
          <p className={styles.chunkText}>{chunk.text}</p>
        </li>
      ))}
    </ol>
  );
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
