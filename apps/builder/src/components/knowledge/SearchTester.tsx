'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Icon, ErrorState } from '@parley/ui';
import { useTRPC } from '@/lib/trpc';
import styles from './knowledge.module.css';

/**
 * Ask the knowledge base a question as a knowledge-answer step would: ranked chunks with their
 * confidence, BM25 (and embedding) ranks, and whether the step would answer or take "not found"
 * at the threshold.
 */
export function SearchTester({ baseId }: { baseId: string }) {
  const trpc = useTRPC();
  const ids = { query: useId(), threshold: useId() };
  const [draft, setDraft] = useState('');
  const [threshold, setThreshold] = useState('');
  const [asked, setAsked] = useState<{ query: string; minScore?: number } | null>(null);
  const search = useQuery({
    ...trpc.knowledge.search.queryOptions({ knowledgeBaseId: baseId, query: asked?.query ?? '', limit: 5, ...(asked?.minScore !== undefined ? { minScore: asked.minScore } : {}) }),
    enabled: asked !== null,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) return;
    const minScore = threshold.trim() === '' ? undefined : Math.min(1, Math.max(0, Number(threshold)));
    setAsked({ query: draft.trim(), ...(minScore !== undefined && !Number.isNaN(minScore) ? { minScore } : {}) });
  }

  return (
    <section className={styles.card} aria-label="Search tester" data-testid="search-tester">
      <h2 className={styles.cardTitle}>Search tester</h2>
      <form className={styles.searchForm} onSubmit={submit}>
        <label htmlFor={ids.query} className="sr-only">
          Question
        </label>
        <input id={ids.query} className={`input ${styles.queryInput}`} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Ask as a customer would…" maxLength={1000} data-testid="search-query" />
        <label htmlFor={ids.threshold} className="sr-only">
          Minimum score
        </label>
        <input
          id={ids.threshold}
          className={`input ${styles.thresholdInput}`}
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          inputMode="decimal"
          placeholder={search.data ? String(search.data.minScore) : 'min'}
          title="Minimum score to answer (empty: the default)"
        />
        <button type="submit" className="btn btn-primary" disabled={!draft.trim()} data-testid="search-run">
          Search
        </button>
      </form>

      {asked === null ? (
        <p className={styles.muted}>Results show each chunk’s confidence, its BM25 rank and, with embeddings configured, its semantic rank.</p>
      ) : search.isPending ? (
        <div className="skeleton" style={{ height: 64 }} aria-busy="true" />
      ) : search.isError ? (
        <ErrorState error={search.error} title="Search failed" onRetry={() => void search.refetch()} />
      ) : (
        <div data-testid="search-results">
          <div className={search.data.answerable ? styles.verdictAnswer : styles.verdictNotFound} role="status" data-testid="search-verdict">
            <Icon name={search.data.answerable ? 'check-circle' : 'alert-circle'} size={16} />
            {search.data.answerable
              ? `Answers · confidence ${(search.data.hits[0]?.score ?? 0).toFixed(2)} ≥ ${search.data.minScore}`
              : `Not found · confidence ${(search.data.hits[0]?.score ?? 0).toFixed(2)} < ${search.data.minScore}`}
            <span className={styles.verdictMeta}>
              {search.data.retrievers.join(' + ')} · {search.data.tookMs} ms
            </span>
          </div>
          {search.data.degraded ? <p className="field-error">Embeddings unavailable, BM25 only: {search.data.degraded}</p> : null}
          <p className={styles.muted} data-testid="search-calibration">
            {search.data.confidence.basis === 'similarity'
              ? `Confidence = meaning similarity of question and chunk, calibrated on held-out questions: cosine ${search.data.confidence.calibratedCut} is ${search.data.confidence.atScore} here.`
              : 'Confidence = share of the question’s words the chunk covers (no embeddings).'}
          </p>
          {search.data.hits.length === 0 ? (
            <p className={styles.muted}>No chunk shares a word with the question.</p>
          ) : (
            <ol className={styles.hits} aria-label="Ranked chunks">
              {search.data.hits.map((hit, i) => (
                <li key={hit.chunkId} className={styles.hit} data-testid="search-hit">
                  <div className={styles.hitHeader}>
                    <span className={styles.hitRank}>{i + 1}</span>
                    <span className={styles.hitTitle}>
                      {hit.url ? (
                        <a href={hit.url} target="_blank" rel="noreferrer">
                          {hit.title}
                        </a>
                      ) : (
                        hit.title
                      )}
                      {hit.headingPath.length > 0 ? <span className={styles.headingPath}> › {hit.headingPath.join(' › ')}</span> : null}
                    </span>
                    <span className={styles.scoreBar} title={`confidence ${hit.score}`} aria-label={`confidence ${hit.score}`}>
                      <span style={{ width: `${Math.round(hit.score * 100)}%` }} className={hit.score >= search.data.minScore ? styles.scoreFillGood : styles.scoreFill} />
                    </span>
                    <span className={styles.scoreValue}>{hit.score.toFixed(2)}</span>
                  </div>
                  <p className={styles.hitText}>{hit.text}</p>
                  <div className={styles.hitMeta}>
                    <span className="badge">BM25 {hit.bm25Rank !== null ? `#${hit.bm25Rank} · ${hit.bm25Score}` : '—'}</span>
                    {search.data.retrievers.length > 1 ? (
                      <span className="badge badge-info">Semantic {hit.semanticRank !== null ? `#${hit.semanticRank} · ${hit.similarity}` : '—'}</span>
                    ) : null}
                    <span className="badge">RRF {hit.fused}</span>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
