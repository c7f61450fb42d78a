'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { Icon } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './knowledge.module.css';

/** The API refuses larger files (its body limit); checked here first so nothing is sent in vain. */
const MAX_UPLOAD_BYTES = 700 * 1024;
type TextFormat = 'markdown' | 'text' | 'html';
const FORMAT_BY_EXTENSION: Record<string, TextFormat | 'pdf'> = { md: 'markdown', markdown: 'markdown', txt: 'text', html: 'html', htm: 'html', pdf: 'pdf' };

export interface EditedDocument {
  id: string;
  title: string;
  url: string | null;
  sourceType: string;
  content: string;
}

/**
 * Adds a document by pasting text (Markdown, plain text or HTML) or uploading a file (.md, .txt,
 * .html, .pdf), or edits one. Ingestion errors from the API (an unreadable PDF, only headings)
 * are shown under the form.
 */
export function DocumentForm({ baseId, editing, onDone }: { baseId: string; editing?: EditedDocument; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { title: useId(), url: useId(), format: useId(), content: useId(), file: useId() };
  const [mode, setMode] = useState<'paste' | 'upload'>('paste');
  const [title, setTitle] = useState(editing?.title ?? '');
  const [url, setUrl] = useState(editing?.url ?? '');
  const [format, setFormat] = useState<TextFormat>(editing && editing.sourceType !== 'pdf' ? (editing.sourceType as TextFormat) : 'markdown');
  const [content, setContent] = useState(editing && editing.sourceType !== 'pdf' ? editing.content : '');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.knowledge.bases.get.queryKey({ id: baseId }) });
    await queryClient.invalidateQueries({ queryKey: trpc.knowledge.bases.list.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.knowledge.search.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.knowledge.documents.chunks.pathKey() });
  };
  const create = useMutation(trpc.knowledge.documents.create.mutationOptions({ onSuccess: async () => { await refresh(); onDone(); } }));
  const update = useMutation(trpc.knowledge.documents.update.mutationOptions({ onSuccess: async () => { await refresh(); onDone(); } }));
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  function pickFile(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0] ?? null;
    setFileError(null);
    setFile(null);
    if (!picked) return;
    const extension = picked.name.split('.').pop()?.toLowerCase() ?? '';
    if (!FORMAT_BY_EXTENSION[extension]) return setFileError('Choose a .md, .txt, .html or .pdf file.');
    if (picked.size > MAX_UPLOAD_BYTES) return setFileError(`The file is ${Math.round(picked.size / 1024)} KB; the limit is ${MAX_UPLOAD_BYTES / 1024} KB.`);
    setFile(picked);
    if (!title.trim()) setTitle(picked.name.replace(/\.[^.]+$/, ''));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const source = mode === 'upload' ? await fileSource(file) : content.trim() ? { sourceType: format, content } : null;
    const link = url.trim() || null;
    if (editing) {
      update.mutate({ id: editing.id, title: title.trim(), url: link, ...(source ? { source } : {}) });
    } else if (source) {
      create.mutate({ knowledgeBaseId: baseId, title: title.trim(), url: link, source });
    }
  }

  const canSubmit = title.trim() !== '' && (editing !== undefined || (mode === 'paste' ? content.trim() !== '' : file !== null));

  return (
    <form className={styles.card} onSubmit={(e) => void submit(e)} aria-label={editing ? 'Edit document' : 'Add a document'} data-testid="document-form">
      <div className={styles.cardHeader}>
        <h2 className={styles.cardTitle}>{editing ? `Edit “${editing.title}”` : 'Add a document'}</h2>
        <div className={styles.segmented} role="tablist" aria-label="Source">
          {(['paste', 'upload'] as const).map((m) => (
            <button key={m} type="button" role="tab" aria-selected={mode === m} className={styles.segment} onClick={() => setMode(m)} data-testid={`document-mode-${m}`}>
              {m === 'paste' ? 'Paste text' : 'Upload file'}
            </button>
          ))}
        </div>
      </div>
      <div className={styles.formRow}>
        <div className="field" style={{ flex: 2 }}>
          <label htmlFor={ids.title} className="field-label">
            Title
          </label>
          <input id={ids.title} className="input" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required data-testid="document-title" />
        </div>
        <div className="field" style={{ flex: 3 }}>
          <label htmlFor={ids.url} className="field-label">
            Link <span className={styles.optional}>(cited to customers)</span>
          </label>
          <input id={ids.url} className="input" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://help.example.com/…" data-testid="document-url" />
        </div>
      </div>
      {mode === 'paste' ? (
        <>
          <div className="field">
            <label htmlFor={ids.format} className="field-label">
              Format
            </label>
            <select id={ids.format} className="select" value={format} onChange={(e) => setFormat(e.target.value as TextFormat)} data-testid="document-format">
              <option value="markdown">Markdown (# headings)</option>
              <option value="text">Plain text</option>
              <option value="html">HTML</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.content} className="field-label">
              Content
            </label>
            <textarea
              id={ids.content}
              className={`textarea ${styles.contentInput}`}
              rows={8}
              value={content}
              onChange={(e) => setContent(e.target.value)}
              placeholder={editing?.sourceType === 'pdf' ? 'Leave empty to keep the PDF’s text' : '## Refunds\n\nRefunds reach your card within 5 business days.'}
              data-testid="document-content"
            />
            <span className="field-help">Headings are kept with each chunk, e.g. “Billing › Refunds”.</span>
          </div>
        </>
      ) : (
        <div className="field">
          <label htmlFor={ids.file} className="field-label">
            File
          </label>
          <input id={ids.file} className="input" type="file" accept=".md,.markdown,.txt,.html,.htm,.pdf" onChange={pickFile} data-testid="document-file" />
          <span className="field-help">Markdown, text, HTML or PDF, up to {MAX_UPLOAD_BYTES / 1024} KB. A PDF’s text is extracted.</span>
          {fileError ? (
            <p className="field-error" role="alert">
              {fileError}
            </p>
          ) : null}
        </div>
      )}
      {error ? (
        <p className="field-error" role="alert" data-testid="document-error">
          {errorMessage(error)}
        </p>
      ) : null}
      <div className={styles.formActions}>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving || !canSubmit} data-testid="document-save">
          <Icon name={editing ? 'save' : 'plus'} size={14} />
          {saving ? 'Saving…' : editing ? 'Save' : 'Add document'}
        </button>
      </div>
    </form>
  );
}

async function fileSource(file: File | null) {
  if (!file) return null;
  const format = FORMAT_BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''];
  if (!format) return null;
  if (format !== 'pdf') return { sourceType: format, content: await file.text() };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { sourceType: 'pdf' as const, base64: btoa(binary) };
}
