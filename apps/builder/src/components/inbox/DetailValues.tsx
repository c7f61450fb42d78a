'use client';

import { useEffect, useState } from 'react';
import { Icon } from '@parley/ui';
import type { CsatResult } from '@/lib/api-types';
import styles from './inbox.module.css';

/* Values of the conversation's details list that take more than text. */

/** "★★★★☆ 4/5", or "Not given" when the customer skipped the question. */
export function CsatRating({ csat }: { csat: CsatResult }) {
  if (csat.score === null) return <span className={styles.unassigned}>Not given</span>;
  const stars = csat.scale <= 5;
  return (
    <span className={styles.csat} aria-label={`${csat.score} out of ${csat.scale}`}>
      {stars ? (
        <span className={styles.csatStars} aria-hidden="true">
          {Array.from({ length: csat.scale }, (_, i) => (
            <Icon key={i} name="star" size={12} data-filled={i < (csat.score ?? 0) || undefined} />
          ))}
        </span>
      ) : null}
      <span aria-hidden="true">
        {csat.score}/{csat.scale}
      </span>
    </span>
  );
}

export function CopyableId({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <span className={styles.copyable}>
      <code data-testid="detail-workflow-id">{value}</code>
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
        aria-label="Copy workflow id"
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
