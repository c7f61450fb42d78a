'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AppRouter } from '@parley/api';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { Icon } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import type { CannedAnswers } from './useSimulator';
import styles from './test-cases.module.css';

type TestCaseResult = inferOutput<TRPCOptionsProxy<AppRouter>['testCases']['run']>;

/**
 * The flow's saved test cases: save the current simulator session as one, run one or all of them
 * on the saved draft, and see pass or the first difference (a reply or the step where the path parts).
 */
export function TestCasesTab({
  flowId,
  sessionId,
  canned,
  saveFirst,
  titleOf,
}: {
  flowId: string;
  /** The simulator's test conversation, when there is one to record. */
  sessionId: string | null;
  canned: CannedAnswers | null;
  saveFirst: () => Promise<boolean>;
  titleOf: (nodeId: string) => string;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const cases = useQuery(trpc.testCases.list.queryOptions({ flowId }));
  const [results, setResults] = useState<Record<string, TestCaseResult>>({});
  const [name, setName] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.testCases.list.queryKey({ flowId }) });
  const create = useMutation(trpc.testCases.create.mutationOptions({ onSuccess: () => { setName(''); void refresh(); } }));
  const remove = useMutation(trpc.testCases.delete.mutationOptions({ onSuccess: () => void refresh() }));
  const runOne = useMutation({
    mutationFn: async (id: string) => ((await saveFirst()) ? client.testCases.run.mutate({ flowId, id }) : null),
  });
  const runAll = useMutation(trpc.testCases.runAll.mutationOptions());

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!sessionId || !name.trim()) return;
    create.mutate({ flowId, name: name.trim(), conversationId: sessionId, ...(canned ? { canned } : {}) });
  };
  const runEverything = async () => {
    if (!(await saveFirst())) return;
    const outcome = await runAll.mutateAsync({ flowId });
    setResults(Object.fromEntries(outcome.results.map((result) => [result.id, result])));
  };
  const runCase = async (id: string) => {
    const result = await runOne.mutateAsync(id);
    if (result) setResults((current) => ({ ...current, [id]: result }));
  };
  const error = create.error ?? remove.error ?? runOne.error ?? runAll.error ?? cases.error;
  const busy = runAll.isPending || runOne.isPending;

  return (
    <div className={styles.tab} data-testid="test-cases">
      <form className={styles.save} onSubmit={save}>
        <input
          className="input"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={sessionId ? 'Name this session…' : 'Run a test in Chat to record it'}
          disabled={!sessionId}
          aria-label="Test case name"
          maxLength={120}
          data-testid="test-case-name"
        />
        <button type="submit" className="btn btn-sm" disabled={!sessionId || !name.trim() || create.isPending} data-testid="test-case-save">
          Save as test case
        </button>
      </form>
      {error ? (
        <p className={styles.error} role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      <div className={styles.listHead}>
        <span>{cases.data ? `${cases.data.length} test case${cases.data.length === 1 ? '' : 's'}` : 'Loading…'}</span>
        <button type="button" className="btn btn-primary btn-sm" onClick={() => void runEverything()} disabled={busy || !cases.data?.length} data-testid="test-cases-run-all">
          <Icon name="play" size={13} />
          {runAll.isPending ? 'Running…' : 'Run all'}
        </button>
      </div>
      <ul className={styles.list}>
        {cases.data?.map((testCase) => {
          const result = results[testCase.id];
          return (
            <li key={testCase.id} className={styles.item} data-testid="test-case" data-result={result ? (result.passed ? 'passed' : 'failed') : 'none'}>
              <div className={styles.itemHead}>
                <span className={styles.name}>{testCase.name}</span>
                {result ? <span className={styles.badge} data-passed={result.passed}>{result.passed ? 'Passed' : 'Failed'}</span> : null}
                <span className={styles.meta}>{testCase.inputs.length} message{testCase.inputs.length === 1 ? '' : 's'}</span>
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => void runCase(testCase.id)} disabled={busy} data-testid="test-case-run">
                  Run
                </button>
                <button type="button" className="btn btn-ghost btn-sm btn-icon" aria-label={`Delete ${testCase.name}`} onClick={() => remove.mutate({ flowId, id: testCase.id })}>
                  <Icon name="trash-2" size={13} />
                </button>
              </div>
              {result && !result.passed ? <Difference result={result} titleOf={titleOf} /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

const quoted = (text: string | null) => (text === null ? '(none)' : `“${text}”`);

function Difference({ result, titleOf }: { result: TestCaseResult; titleOf: (nodeId: string) => string }) {
  if (result.error !== null) return <p className={styles.detail}>Could not run: {result.error}</p>;
  const { path, reply } = result.difference ?? { path: null, reply: null };
  return (
    <div className={styles.detail} data-testid="test-case-difference">
      {path ? (
        <p>
          Path differs at step {path.step}: expected {path.was === null ? 'the end' : titleOf(path.was)}, got {path.now === null ? 'the end' : titleOf(path.now)}.
        </p>
      ) : null}
      {reply ? (
        <p>
          Reply {reply.index}: expected {quoted(reply.was)}, got {quoted(reply.now)}.
        </p>
      ) : null}
    </div>
  );
}
