'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Icon } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import type { RuleDraft } from './AutomationRuleForm';
import css from './automation.module.css';
import styles from './settings.module.css';

/** "Test": the rule tried on a chosen conversation without changing it. */
export function AutomationTestPanel({ rule, onClose }: { rule: RuleDraft; onClose: () => void }) {
  const trpc = useTRPC();
  const pickerId = useId();
  const recent = useQuery(trpc.conversations.list.queryOptions({ view: 'all', limit: 20 }));
  const [conversationId, setConversationId] = useState('');
  const test = useMutation(trpc.automation.test.mutationOptions());
  const chosen = conversationId || recent.data?.[0]?.id || '';
  return (
    <div className={css.testPanel} role="region" aria-label="Test the rule" data-testid="rule-test-panel">
      <div className={css.testPicker}>
        <div className="field">
          <label htmlFor={pickerId} className="field-label">
            Try it on
          </label>
          <select id={pickerId} className="select" value={chosen} onChange={(event) => setConversationId(event.target.value)} data-testid="rule-test-conversation">
            {(recent.data ?? []).map((conversation) => (
              <option key={conversation.id} value={conversation.id}>
                {conversation.contactName ?? 'Visitor'} · {conversation.status}
                {conversation.team ? ` · ${conversation.team}` : ''} · {conversation.lastMessage?.text.slice(0, 40) ?? 'no messages'}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn-sm btn-primary" disabled={!chosen || test.isPending} onClick={() => test.mutate({ rule, conversationId: chosen })} data-testid="rule-test-run">
          Run dry test
        </button>
        <button type="button" className="btn btn-sm btn-ghost" aria-label="Close the test" onClick={onClose}>
          <Icon name="x" size={13} />
        </button>
      </div>
      {test.error ? <p className="field-error">{errorMessage(test.error)}</p> : null}
      {test.data ? (
        <div className={css.results} data-testid="rule-test-result">
          <p>
            <strong>{test.data.matched ? 'Would run' : 'Would not run'}</strong> on “{test.data.event}” for this conversation. Nothing was changed.
          </p>
          <ul>
            {test.data.conditions.map((condition, i) => (
              <li key={i}>
                <span className={condition.holds ? css.holds : css.fails}>{condition.holds ? '✓' : '✗'}</span> {condition.description}
              </li>
            ))}
            {test.data.conditions.length === 0 ? <li>✓ no conditions</li> : null}
          </ul>
          <ol>
            {test.data.actions.map((action, i) => (
              <li key={i}>
                {action.would}
                {action.skip ? <span className={styles.dim}> — skipped: {action.skip}</span> : null}
              </li>
            ))}
          </ol>
          {test.data.warnings.map((warning) => (
            <p key={warning} className="field-error">
              {warning}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
