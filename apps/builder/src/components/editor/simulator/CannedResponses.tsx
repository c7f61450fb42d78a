'use client';

import styles from './simulator.module.css';
import type { CannedAnswers } from './useSimulator';

/** A step that calls out, which a test may answer itself. */
export interface CallingStep {
  id: string;
  kind: 'http_request' | 'custom_activity';
  title: string;
}

/** What the tester typed for one step: real call, or a canned status and JSON body (output). */
export interface CannedDraft {
  canned: boolean;
  status: string;
  json: string;
}

const EMPTY: CannedDraft = { canned: false, status: '200', json: '{}' };

/**
 * Per HTTP request and custom activity step: call for real, or answer with a canned response
 * (an HTTP status and JSON body, or the activity's JSON output). Used from the next start.
 */
export function CannedResponses({
  steps,
  drafts,
  onChange,
}: {
  steps: readonly CallingStep[];
  drafts: Readonly<Record<string, CannedDraft>>;
  onChange: (id: string, draft: CannedDraft) => void;
}) {
  if (steps.length === 0) return <p className={styles.hint}>This flow has no HTTP request or custom activity steps.</p>;
  return (
    <div className={styles.cannedList}>
      <p className={styles.hint}>Canned answers are used from the next start (Restart).</p>
      {steps.map((step) => {
        const draft = drafts[step.id] ?? EMPTY;
        const problem = draft.canned ? cannedProblem(step, draft) : null;
        return (
          <fieldset key={step.id} className={styles.canned} data-testid={`canned-${step.id}`}>
            <legend className={styles.cannedTitle}>{step.title}</legend>
            <div className={styles.segmented} role="radiogroup" aria-label={`${step.title}: answer`}>
              {[false, true].map((canned) => (
                <label key={String(canned)} data-checked={draft.canned === canned}>
                  <input type="radio" name={`canned-${step.id}`} checked={draft.canned === canned} onChange={() => onChange(step.id, { ...draft, canned })} />
                  {canned ? 'Canned' : 'Real call'}
                </label>
              ))}
            </div>
            {draft.canned ? (
              <>
                {step.kind === 'http_request' ? (
                  <label className={styles.cannedField}>
                    Status
                    <input className="input" inputMode="numeric" value={draft.status} onChange={(event) => onChange(step.id, { ...draft, status: event.target.value })} />
                  </label>
                ) : null}
                <label className={styles.cannedField}>
                  {step.kind === 'http_request' ? 'Body (JSON)' : 'Output (JSON object)'}
                  <textarea className={`input ${styles.jsonInput}`} rows={4} spellCheck={false} value={draft.json} onChange={(event) => onChange(step.id, { ...draft, json: event.target.value })} aria-invalid={problem !== null} />
                </label>
                {problem ? <p className={styles.problem}>{problem}</p> : null}
              </>
            ) : null}
          </fieldset>
        );
      })}
    </div>
  );
}

/** Why a canned answer cannot be used, or null. */
function cannedProblem(step: CallingStep, draft: CannedDraft): string | null {
  let value: unknown;
  try {
    value = JSON.parse(draft.json);
  } catch {
    return 'Not valid JSON.';
  }
  if (step.kind === 'custom_activity') return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'The output must be a JSON object.';
  const status = Number(draft.status);
  return Number.isInteger(status) && status >= 100 && status <= 599 ? null : 'The status must be a number from 100 to 599.';
}

/** The canned answers to start with, or the first problem that keeps them from being used. */
export function cannedAnswers(steps: readonly CallingStep[], drafts: Readonly<Record<string, CannedDraft>>): { answers: CannedAnswers } | { problem: string } {
  const answers: CannedAnswers = {};
  for (const step of steps) {
    const draft = drafts[step.id];
    if (!draft?.canned) continue;
    const problem = cannedProblem(step, draft);
    if (problem) return { problem: `${step.title}: ${problem}` };
    const value: unknown = JSON.parse(draft.json);
    answers[step.id] = step.kind === 'http_request' ? { status: Number(draft.status), body: value } : { output: value as Record<string, unknown> };
  }
  return { answers };
}
