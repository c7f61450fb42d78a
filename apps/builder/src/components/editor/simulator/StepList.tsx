'use client';

import { nodeKinds, isNodeKind } from '@parley/flow';
import { Icon } from '@parley/ui';
import type { SimulatorTrace } from '@/lib/api-types';
import styles from './simulator.module.css';

type Step = SimulatorTrace['steps'][number];

/**
 * The test conversation's steps, oldest first; each opens to show its outcome, an activity's
 * input and output (canned or real) and the variables once it finished. Selecting one also
 * shows the step on the canvas.
 */
export function StepList({ steps, titleOf, onFocus }: { steps: readonly Step[]; titleOf: (nodeId: string) => string; onFocus: (nodeId: string) => void }) {
  if (steps.length === 0) return <p className={styles.hint}>No steps yet.</p>;
  return (
    <ol className={styles.steps} data-testid="simulator-steps">
      {steps.map((step, index) => (
        <li key={step.id}>
          <details className={styles.step} data-state={step.outcome === null ? 'running' : step.error ? 'error' : 'done'}>
            <summary
              className={styles.stepSummary}
              onClick={() => {
                if (!step.nodeId.includes('/')) onFocus(step.nodeId);
              }}
            >
              <span className={styles.stepIndex}>{index + 1}</span>
              <span className={styles.stepTitle}>{titleOf(step.nodeId)}</span>
              <span className={styles.stepOutcome}>
                {step.detail?.canned ? <span className="badge">canned</span> : null}
                {step.outcome ?? (
                  <>
                    <Icon name="clock" size={12} /> waiting
                  </>
                )}
              </span>
            </summary>
            <dl className={styles.stepDetail}>
              <dt>Kind</dt>
              <dd>{isNodeKind(step.kind) ? nodeKinds[step.kind].label : step.kind}</dd>
              {step.error ? (
                <>
                  <dt>Error</dt>
                  <dd>{step.error}</dd>
                </>
              ) : null}
              {step.detail?.input !== undefined ? (
                <>
                  <dt>Input</dt>
                  <dd>
                    <pre className={styles.json}>{pretty(step.detail.input)}</pre>
                  </dd>
                </>
              ) : null}
              {step.detail?.output !== undefined ? (
                <>
                  <dt>Output</dt>
                  <dd>
                    <pre className={styles.json}>{pretty(step.detail.output)}</pre>
                  </dd>
                </>
              ) : null}
              {step.detail?.variables ? (
                <>
                  <dt>Variables after</dt>
                  <dd>
                    <VariableTable variables={step.detail.variables} />
                  </dd>
                </>
              ) : null}
            </dl>
          </details>
        </li>
      ))}
    </ol>
  );
}

/** Variables as name = value rows (values as JSON, so text and numbers are told apart). */
export function VariableTable({ variables }: { variables: Record<string, unknown> }) {
  const entries = Object.entries(variables);
  if (entries.length === 0) return <p className={styles.hint}>No variables.</p>;
  return (
    <table className={styles.variables} data-testid="simulator-variables">
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{JSON.stringify(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}
