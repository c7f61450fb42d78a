'use client';

import { ANALYTICS_RANGES, type AnalyticsRangeId } from './overlay';
import type { AnalyticsBarState } from './useFlowAnalytics';
import styles from './analytics.module.css';

/** Over the canvas while the overlay is on: which version and range the figures are of, and how many conversations. */
export function AnalyticsBar({ versions, versionId, onVersion, rangeId, onRange, conversations, loading, error }: AnalyticsBarState) {
  return (
    <div className={styles.bar} role="group" aria-label="Flow analytics" data-testid="analytics-bar">
      <label>
        Version
        <select value={versionId ?? ''} onChange={(event) => onVersion(event.target.value || null)} data-testid="analytics-version">
          <option value="">All published</option>
          {versions.map((version) => (
            <option key={version.id} value={version.id}>
              v{version.version}
            </option>
          ))}
        </select>
      </label>
      <label>
        Range
        <select value={rangeId} onChange={(event) => onRange(event.target.value as AnalyticsRangeId)} data-testid="analytics-range">
          {ANALYTICS_RANGES.map((range) => (
            <option key={range.id} value={range.id}>
              {range.label}
            </option>
          ))}
        </select>
      </label>
      <span className={styles.total} data-testid="analytics-total" aria-live="polite">
        {error ? `Could not load figures: ${error}` : loading || conversations === null ? 'Loading…' : `${conversations.toLocaleString('en')} conversations`}
      </span>
      <span className={styles.legend}>Per step: visits · share of conversations that left the flow there · errors · p50 / p95 time</span>
    </div>
  );
}
