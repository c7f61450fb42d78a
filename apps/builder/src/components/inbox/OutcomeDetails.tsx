'use client';

import type { CsatResult, QualityResult } from '@/lib/api-types';
import { CsatRating } from './DetailValues';
import styles from './quality.module.css';

/** Same cut-offs as the scorer (packages/ai quality): 75 and up is good, under 50 poor. */
const gradeOf = (score: number) => (score >= 75 ? 'good' : score >= 50 ? 'fair' : 'poor');

/** The conversation's rating and quality rows of the details list, once it has them. */
export function OutcomeDetails({ csat, quality }: { csat: CsatResult | null; quality: QualityResult | null }) {
  return (
    <>
      {csat ? (
        <div>
          <dt>Rating</dt>
          <dd data-testid="detail-csat">
            <CsatRating csat={csat} />
          </dd>
        </div>
      ) : null}
      {quality ? (
        <div>
          <dt>Quality</dt>
          <dd data-testid="detail-quality">
            <QualityScore quality={quality} />
          </dd>
        </div>
      ) : null}
    </>
  );
}

/** "82 · Good" with the signals that moved it, largest first, and a model's written assessment when there is one, one click away. */
function QualityScore({ quality }: { quality: QualityResult }) {
  const grade = gradeOf(quality.score);
  return (
    <details className={styles.quality}>
      <summary>
        <span className={styles.score} data-grade={grade} data-testid="quality-score">
          {quality.score}
        </span>
        <span className={styles.grade}>{grade}</span>
      </summary>
      {quality.factors.length ? (
        <ul className={styles.factors} data-testid="quality-factors">
          {quality.factors.map((factor) => (
            <li key={factor.name}>
              <span className={styles.impact} data-sign={factor.impact > 0 ? 'up' : 'down'}>
                {factor.impact > 0 ? '+' : '−'}
                {Math.abs(factor.impact)}
              </span>
              {factor.detail}
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.none}>No signal moved the score.</p>
      )}
      {quality.assessment ? (
        <figure className={styles.assessment} data-testid="quality-assessment">
          <blockquote>{quality.assessment.text}</blockquote>
          <figcaption className={styles.none}>Written by {quality.assessment.by}</figcaption>
        </figure>
      ) : null}
    </details>
  );
}
