'use client';

import { autocompletion, closeBrackets, completionKeymap, type CompletionContext } from '@codemirror/autocomplete';
import { linter } from '@codemirror/lint';
import { keymap } from '@codemirror/view';
import { Prec } from '@codemirror/state';
import { useMemo, useRef } from 'react';
import { expressionCompletions, expressionDiagnostics, wordBefore } from './expression-language';
import { codeTheme } from './code-theme';
import { useFlowVariables } from './flow-variables';
import type { ControlProps } from './types';
import { useCodeMirror } from './useCodeMirror';
import styles from './fields.module.css';

type Expect = 'boolean' | 'string' | 'number';

/**
 * An expression in a one-line CodeMirror editor: autocomplete of the flow's variables (with
 * types) and the expression functions (with signatures), and the checker's errors underlined and
 * spelled out below as you type — the same check validation runs, so what shows here is what
 * blocks publishing.
 */
export function ExpressionEditor({
  common,
  value,
  onChange,
  expect,
  placeholder,
  label,
}: {
  common: ControlProps;
  value: string;
  onChange: (value: string) => void;
  expect?: Expect | undefined;
  placeholder?: string | undefined;
  label: string;
}) {
  const variables = useFlowVariables();
  const variablesRef = useRef(variables);
  variablesRef.current = variables;
  const expectRef = useRef(expect);
  expectRef.current = expect;

  const extensions = useMemo(
    () => [
      codeTheme,
      closeBrackets(),
      autocompletion({
        activateOnTyping: true,
        override: [
          (context: CompletionContext) => {
            const { from, word } = wordBefore(context.state.doc.toString(), context.pos);
            if (!word && !context.explicit) return null;
            const options = expressionCompletions(word, variablesRef.current);
            return { from, options: options.map((option) => ({ ...option, type: option.type === 'function' ? 'function' : 'variable' })), validFor: /^[A-Za-z0-9_]*$/ };
          },
        ],
      }),
      Prec.high(keymap.of(completionKeymap)),
      linter((view) => expressionDiagnostics(view.state.doc.toString(), variablesRef.current, expectRef.current).map((d) => ({ ...d, severity: 'error' as const })), { delay: 150 }),
    ],
    [],
  );
  const parent = useCodeMirror({ value, onChange, extensions, placeholder, label, multiline: false });
  const problems = useMemo(() => expressionDiagnostics(value, variables, expect), [value, variables, expect]);
  const { id, ...rest } = common;

  return (
    <>
      <div {...rest} id={id} ref={parent} className={styles.codeInput} data-invalid={problems.length > 0 || undefined} />
      {problems[0] ? (
        <p className={styles.liveError} role="status" data-testid={`${String(common['data-testid'])}-live-error`}>
          {problems[0].message}
        </p>
      ) : null}
    </>
  );
}
