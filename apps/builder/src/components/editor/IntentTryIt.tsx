'use client';

import type { IntentDefinition } from '@parley/flow';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './IntentTryIt.module.css';

/** How many runners-up are listed under the result. */
const ALTERNATIVES = 3;

/**
 * "Try it" for the intent router: type what a customer might write and see which exit it would
 * take, how sure the model is (a bar with the threshold marked), the runners-up, and the slots
 * found in it. It sends the intents as they are in the editor, unsaved edits included, so an
 * author can add an example and try again at once.
 */
export function IntentTryIt({ intents, threshold }: { intents: readonly IntentDefinition[]; threshold: number }) {
  const id = useId();
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const test = useMutation(trpc.aiTest.intent.mutationOptions());
  const usable = intents.filter((intent) => intent.name && intent.examples.some((example) => example.trim()));
  const labelOf = (name: string) => intents.find((intent) => intent.name === name)?.label.trim() || name;

  const run = () => {
    if (!text.trim() || usable.length === 0) return;
    test.mutate({ text, threshold, intents: usable.map(({ name, examples }) => ({ name, examples })) });
  };
  const result = test.data;
  const fellBack = result?.intent === 'fallback';

  return (
    <section className={styles.box} aria-labelledby={`${id}-title`} data-testid="intent-try-it">
      <h3 id={`${id}-title`} className={styles.title}>
        Try it
      </h3>
      <form
        className={styles.row}
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <label htmlFor={`${id}-text`} className="sr-only">
          A message to classify
        </label>
        <input
          id={`${id}-text`}
          className="input"
          value={text}
          maxLength={4000}
          placeholder="e.g. I was charged twice for order #A1234"
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="btn btn-sm" disabled={!text.trim() || usable.length === 0 || test.isPending}>
          {test.isPending ? 'Trying…' : 'Try'}
        </button>
      </form>
      {usable.length === 0 ? <p className="field-help">Give an intent a name and an example first.</p> : null}
      {test.error ? (
        <p className="field-error" role="alert">
          {errorMessage(test.error)}
        </p>
      ) : null}
      {result ? (
        <div className={styles.result} aria-live="polite" data-testid="intent-try-result">
          <p className={styles.verdict}>
            {fellBack ? (
              <>
                <strong>Fallback</strong> <span className={styles.muted}>— best guess {labelOf(result.alternatives[0]?.intent ?? '')}</span>
              </>
            ) : (
              <>
                <span className={styles.muted}>Exit</span> <strong>{labelOf(result.intent)}</strong>
              </>
            )}
          </p>
          <ConfidenceBar value={result.confidence} threshold={result.threshold} fellBack={fellBack} label="Confidence" />
          {result.alternatives.length > 1 ? (
            <ul className={styles.alternatives} aria-label="Other intents">
              {result.alternatives.slice(1, 1 + ALTERNATIVES).map((alternative) => (
                <li key={alternative.intent}>
                  <span className={styles.altName}>{labelOf(alternative.intent)}</span>
                  <ConfidenceBar value={alternative.score} threshold={result.threshold} label={labelOf(alternative.intent)} small />
                </li>
              ))}
            </ul>
          ) : null}
          {result.entities.length > 0 ? (
            <ul className={styles.entities} aria-label="Slots found">
              {result.entities.map((entity) => (
                <li key={`${entity.start}-${entity.type}`} className={styles.entity} title={`"${entity.text}"`}>
                  <span className={styles.entityType}>{entity.type.replace('_', ' ')}</span> {String(entity.value)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ConfidenceBar({ value, threshold, label, fellBack = false, small = false }: { value: number; threshold: number; label: string; fellBack?: boolean; small?: boolean }) {
  const percent = Math.round(value * 100);
  return (
    <div className={styles.barRow}>
      <div
        className={`${styles.bar} ${small ? styles.barSmall : ''}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className={`${styles.fill} ${fellBack || value < threshold ? styles.fillLow : ''}`} style={{ width: `${percent}%` }} />
        <div className={styles.threshold} style={{ left: `${threshold * 100}%` }} title={`Threshold ${Math.round(threshold * 100)}%`} />
      </div>
      <span className={styles.percent}>{percent}%</span>
    </div>
  );
}
