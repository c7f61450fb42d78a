'use client';

import type { FlowIssue } from '@parley/flow';
import { Icon } from '@parley/ui';
import { countBySeverity } from './issues-context';
import styles from './editor.module.css';

/** Every validation issue of the draft; clicking one selects the node or connection concerned. */
export function ProblemsList({
  issues,
  live,
  onSelect,
}: {
  issues: readonly FlowIssue[];
  /** True when the list reflects unsaved edits (checked in the browser, not yet by the server). */
  live: boolean;
  onSelect: (issue: FlowIssue) => void;
}) {
  const { errors, warnings } = countBySeverity(issues);
  return (
    <section className={styles.problems} aria-labelledby="problems-title" data-testid="problems">
      <header className={styles.problemsHeader}>
        <h2 id="problems-title" className={styles.sectionTitle}>
          Problems
        </h2>
        <span className={styles.problemCounts}>
          {errors > 0 ? <span className="badge badge-danger">{errors} {errors === 1 ? 'error' : 'errors'}</span> : null}
          {warnings > 0 ? (
            <span className="badge badge-warning">
              {warnings} {warnings === 1 ? 'warning' : 'warnings'}
            </span>
          ) : null}
        </span>
      </header>
      {issues.length === 0 ? (
        <p className={styles.noProblems} data-testid="no-problems">
          <Icon name="check-circle" size={14} />
          No problems found{live ? ' (unsaved)' : ''}.
        </p>
      ) : (
        <ul className={styles.problemList}>
          {issues.map((issue, index) => {
            const target = issue.nodeId ?? issue.edgeId;
            return (
              <li key={`${issue.code}-${target ?? ''}-${issue.field ?? ''}-${index}`}>
                <button
                  type="button"
                  className={styles.problem}
                  data-severity={issue.severity}
                  onClick={() => onSelect(issue)}
                  disabled={!target}
                  data-testid="problem"
                  data-node-id={issue.nodeId}
                >
                  <Icon name={issue.severity === 'error' ? 'alert-circle' : 'alert-triangle'} size={14} />
                  <span className={styles.problemText}>
                    {issue.message}
                    {target ? <span className={styles.problemTarget}>{target}</span> : null}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
