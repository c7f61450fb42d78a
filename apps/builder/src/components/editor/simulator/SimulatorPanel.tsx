'use client';

import { useMemo, useState } from 'react';
import { CallPanel } from '@/components/call/CallPanel';
import { Icon } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { CannedResponses, cannedAnswers, type CallingStep, type CannedDraft } from './CannedResponses';
import { StepList, VariableTable } from './StepList';
import { TestCasesTab } from './TestCasesTab';
import { useSimulator } from './useSimulator';
import styles from './simulator.module.css';
import { TestChatComposer } from './TestChatComposer';

type Tab = 'chat' | 'steps' | 'canned' | 'tests';
const TABS: { id: Tab; label: string }[] = [
  { id: 'chat', label: 'Chat' },
  { id: 'steps', label: 'Steps' },
  { id: 'canned', label: 'Canned' },
  { id: 'tests', label: 'Tests' },
];

/**
 * The flow editor's simulator: chats with the saved draft as a test conversation (never in the
 * inbox) or calls it (the voice gateway, as a phone caller would), lights its path on the canvas (through `onTrace`), lists its steps with what each saw
 * and did, skips waits and answers calling steps from canned responses; a session can be saved as
 * a test case and the flow's cases run from the Tests tab.
 */
export function SimulatorPanel({
  flowId,
  steps,
  titleOf,
  saveFirst,
  onTrace,
  onFocusStep,
  onClose,
}: {
  flowId: string;
  /** The canvas's steps (those that call out may get canned answers). */
  steps: readonly { id: string; kind: string }[];
  titleOf: (nodeId: string) => string;
  saveFirst: () => Promise<boolean>;
  onTrace: (steps: readonly { nodeId: string; outcome: string | null }[]) => void;
  onFocusStep: (nodeId: string) => void;
  onClose: () => void;
}) {
  const simulator = useSimulator(flowId, saveFirst, onTrace);
  const callingSteps = useMemo(
    () =>
      steps.flatMap((step): CallingStep[] =>
        step.kind === 'http_request' || step.kind === 'custom_activity' ? [{ id: step.id, kind: step.kind, title: titleOf(step.id) }] : [],
      ),
    [steps, titleOf],
  );
  const { conversation, live, messages, trace, start, send, skip } = simulator;
  const [tab, setTab] = useState<Tab>('chat');
  const [calling, setCalling] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, CannedDraft>>({});
  const canned = cannedAnswers(callingSteps, drafts);
  const waiting = trace?.steps.at(-1)?.outcome === null;

  const run = () => {
    if ('problem' in canned) {
      setTab('canned');
      return;
    }
    setCalling(false);
    start.mutate(canned.answers);
  };
  const call = () => {
    if ('problem' in canned) {
      setTab('canned');
      return;
    }
    setTab('chat');
    setCalling(true);
  };
  const error = start.error ?? send.error ?? skip.error;

  return (
    <section className={styles.panel} aria-label="Simulator" data-testid="simulator-panel">
      <header className={styles.head}>
        <h2 className={styles.title}>Simulator</h2>
        {conversation ? (
          <span className="badge" data-testid="simulator-status">
            {conversation.status}
          </span>
        ) : null}
        <span className={styles.spacer} />
        {/* Icons only: the panel is a narrow column beside the canvas (and a phone's full width). */}
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-icon"
          onClick={() => skip.mutate()}
          disabled={!live || skip.isPending}
          aria-label="Skip the wait"
          title="Skip the wait: end the current wait or timer now"
          data-testid="simulator-skip"
        >
          <Icon name="timer" size={14} />
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-icon"
          onClick={call}
          disabled={calling}
          aria-label="Call the draft"
          title="Call the draft: talk to it through the voice gateway"
          data-testid="simulator-call"
        >
          <Icon name="phone" size={14} />
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={run} disabled={start.isPending} data-testid="simulator-restart">
          <Icon name="rotate-ccw" size={13} />
          {conversation ? 'Restart' : 'Start'}
        </button>
        <button type="button" className="btn btn-ghost btn-sm btn-icon" aria-label="Close the simulator" onClick={onClose}>
          <Icon name="x" size={14} />
        </button>
      </header>
      <div className={styles.tabs} role="tablist" aria-label="Simulator views">
        {TABS.map(({ id, label }) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={styles.tab} onClick={() => setTab(id)} data-testid={`simulator-tab-${id}`}>
            {label}
            {id === 'steps' && trace ? <span className={styles.count}>{trace.steps.length}</span> : null}
          </button>
        ))}
      </div>
      {error ? (
        <p className={styles.error} role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {'problem' in canned && tab === 'canned' ? <p className={styles.error}>{canned.problem}</p> : null}

      {/* Mounted for the whole call, hidden on the other tabs: looking at the steps must not hang up. */}
      {calling ? (
        <div className={styles.call} hidden={tab !== 'chat'}>
          <CallPanel
            title="the draft"
            open={() => ('problem' in canned ? Promise.reject(new Error(canned.problem)) : simulator.call(canned.answers))}
            onClose={() => setCalling(false)}
            closeLabel="Back to typing"
            inInbox={false}
          />
        </div>
      ) : null}
      {tab === 'chat' && !calling ? (
        <div className={styles.chat}>
          <div className={styles.log} aria-live="polite" data-testid="simulator-log">
            {!conversation && !start.isPending ? (
              <div className={styles.empty}>
                <p>Runs the saved draft as a test conversation. Nothing reaches the inbox or the analytics.</p>
                <div className={styles.emptyActions}>
                  <button type="button" className="btn btn-primary" onClick={run} data-testid="simulator-start">
                    <Icon name="play" size={14} />
                    Start a test
                  </button>
                  <button type="button" className="btn" onClick={call} data-testid="simulator-start-call">
                    <Icon name="phone" size={14} />
                    Call it
                  </button>
                </div>
              </div>
            ) : null}
            {start.isPending ? <p className={styles.hint}>Starting…</p> : null}
            {messages.map((message) => (
              <p key={message.id} className={styles.bubble} data-author={message.author}>
                {message.text}
              </p>
            ))}
            {waiting && live && !send.isPending ? <p className={styles.hint}>Waiting at {titleOf(trace!.steps.at(-1)!.nodeId)}</p> : null}
            {conversation && !live ? <p className={styles.hint}>The conversation is {conversation.status}.</p> : null}
          </div>
          <TestChatComposer simulator={simulator} placeholder="Start a test to chat" label="Message to the draft" testId="simulator-input" />
        </div>
      ) : tab === 'steps' ? (
        <div className={styles.scroll}>
          {trace ? (
            <>
              <h3 className={styles.sectionTitle}>Variables now</h3>
              <VariableTable variables={trace.variables} />
              <h3 className={styles.sectionTitle}>Steps</h3>
              <StepList steps={trace.steps} titleOf={titleOf} onFocus={onFocusStep} />
            </>
          ) : (
            <p className={styles.hint}>Start a test to see its steps.</p>
          )}
        </div>
      ) : tab === 'tests' ? (
        <TestCasesTab
          flowId={flowId}
          sessionId={conversation?.id ?? null}
          canned={'problem' in canned ? null : canned.answers}
          saveFirst={saveFirst}
          titleOf={titleOf}
        />
      ) : tab === 'canned' ? (
        <div className={styles.scroll}>
          <CannedResponses steps={callingSteps} drafts={drafts} onChange={(id, draft) => setDrafts((current) => ({ ...current, [id]: draft }))} />
        </div>
      ) : null}
    </section>
  );
}
