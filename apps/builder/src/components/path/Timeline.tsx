'use client';

import { useEffect, useRef } from 'react';
import { Icon } from '@parley/ui';
import type { ConversationPath, PathStep } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { VariableTable } from '../editor/simulator/StepList';
import { formatDuration } from './path-summary';
import styles from './path.module.css';

type Message = ConversationPath['messages'][number];

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The conversation step by step: when each step started, how long it took, how it ended, and
 * the messages written meanwhile. The selected step opens to show its error and the variables
 * after it, and offers "Re-run from this step".
 */
export function Timeline({
  entries,
  transcripts,
  titleOf,
  selected,
  onSelect,
  rerun,
}: {
  entries: { step: PathStep; messages: Message[] }[];
  transcripts: boolean;
  titleOf: (nodeId: string) => string;
  selected: string | null;
  onSelect: (stepId: string) => void;
  /** Null when the caller may not run tests of the flow. */
  rerun: { start: (stepId: string) => void; pending: boolean; error: unknown } | null;
}) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (selected) list.current?.querySelector(`[data-step-id="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);
  if (entries.length === 0) return <p className={styles.hint}>This conversation has not run any step yet.</p>;
  return (
    <div className={styles.timelineScroll}>
      {!transcripts ? <p className={styles.hint}>Your role sees the steps and their timings, not what was said.</p> : null}
      <ol className={styles.timeline} ref={list} data-testid="path-timeline">
        {entries.map(({ step, messages: written }, index) => {
          const open = step.id === selected;
          // A soft failure's note is the step's error, shown once.
          const messages = step.error ? written.filter((message) => message.text !== step.error) : written;
          const inSubflow = step.nodeId.includes('/');
          return (
            <li key={step.id} data-step-id={step.id} className={styles.entry} data-failed={step.failed || undefined} data-selected={open || undefined}>
              <button type="button" className={styles.entryHead} onClick={() => onSelect(step.id)} aria-expanded={open} data-testid={`path-step-${index + 1}`}>
                <span className={styles.entryIndex}>{index + 1}</span>
                <span className={styles.entryTitle}>{titleOf(step.nodeId)}</span>
                <span className={styles.entryOutcome}>
                  {step.failed ? <Icon name="alert-circle" size={12} /> : null}
                  {step.outcome ?? 'waiting'}
                </span>
                <span className={styles.entryTime}>
                  {clock(step.startedAt)} · {formatDuration(step.durationMs)}
                </span>
              </button>
              {step.error ? (
                <p className={styles.entryError} role={open ? 'alert' : undefined}>
                  {step.error}
                </p>
              ) : null}
              {messages.length > 0 ? (
                <ul className={styles.entryMessages}>
                  {messages.map((message) => (
                    <li key={message.id} data-author={message.author}>
                      {message.text}
                    </li>
                  ))}
                </ul>
              ) : null}
              {open ? (
                <div className={styles.entryDetail}>
                  {step.variables ? (
                    <>
                      <h3 className={styles.sectionTitle}>Variables after this step</h3>
                      <VariableTable variables={step.variables} />
                    </>
                  ) : transcripts ? (
                    <p className={styles.hint}>No variables were recorded for this step (the conversation predates it).</p>
                  ) : null}
                  {rerun && !inSubflow ? (
                    <button type="button" className="btn btn-sm" onClick={() => rerun.start(step.id)} disabled={rerun.pending} data-testid="path-rerun">
                      <Icon name="rotate-ccw" size={13} />
                      Re-run from this step
                    </button>
                  ) : null}
                  {rerun?.error ? <p className={styles.entryError}>{errorMessage(rerun.error)}</p> : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
