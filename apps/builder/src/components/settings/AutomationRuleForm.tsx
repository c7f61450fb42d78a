'use client';

import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { Icon } from '@parley/ui';
import type { AutomationRuleRow } from '@/lib/api-types';
import css from './automation.module.css';
import styles from './settings.module.css';

export type RuleDraft = Pick<AutomationRuleRow, 'name' | 'enabled' | 'event' | 'idleMinutes' | 'conditions' | 'actions'> & { event: AutomationEvent };
type AutomationEvent = 'conversation.created' | 'message.received' | 'status.changed' | 'assignee.changed' | 'idle' | 'sla.warning' | 'sla.breach' | 'csat.received';
type Condition = RuleDraft['conditions'][number];
type Action = RuleDraft['actions'][number];

export const EVENTS = {
  'conversation.created': 'Conversation created',
  'message.received': 'Customer message received',
  'status.changed': 'Status changed',
  'assignee.changed': 'Assignee or team changed',
  idle: 'Idle for N minutes',
  'sla.warning': 'SLA warning',
  'sla.breach': 'SLA breached',
  'csat.received': 'CSAT rating received',
} satisfies Record<AutomationEvent, string>;

const CONDITIONS = {
  textContains: 'Text contains',
  team: 'Team is',
  label: 'Has label',
  channel: 'Channel is',
  priority: 'Priority is',
  sentiment: 'Sentiment is',
  businessHours: 'Business hours',
} satisfies Record<Condition['type'], string>;
/** The calendar a business-hours condition built here follows (the API takes any: time zone, hours, holidays). */
const DEFAULT_CALENDAR = { timeZone: 'UTC', hours: 'mon-fri 09:00-17:00', holidays: '' };
const ACTIONS = {
  addLabel: 'Add label',
  assignTeam: 'Transfer to team',
  assignAgent: 'Assign to agent',
  cannedReply: 'Send canned reply',
  addNote: 'Add private note',
  notify: 'Notify the team',
  setPriority: 'Set priority',
  callWebhook: 'Call a webhook',
  resolve: 'Resolve',
} satisfies Record<Action['type'], string>;
const CHANNELS = ['web', 'voice', 'sms', 'whatsapp', 'email', 'api'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

export interface Choices {
  labels: { id: string; name: string }[];
  teams: { name: string }[];
  agents: { id: string; name: string }[];
  canned: { id: string; shortcut: string }[];
  /** The workspace's webhook endpoints (empty for who may not manage webhooks). */
  webhooks: { id: string; url: string }[];
}

/** What a rule part says, in words ("Has label vip", "Transfer to Billing"). */
export function describePart(part: Condition | Action, choices: Choices): string {
  const label = (id: string) => choices.labels.find((row) => row.id === id)?.name ?? '(deleted label)';
  switch (part.type) {
    case 'textContains':
      return `Text contains “${part.text}”`;
    case 'team':
      return `Team is ${part.in.join(' or ')}`;
    case 'label':
      return `Has label ${label(part.labelId)}`;
    case 'channel':
    case 'priority':
    case 'sentiment':
      return `${CONDITIONS[part.type]} ${part.in.join(' or ')}`;
    case 'businessHours':
      return `${part.when === 'open' ? 'Inside' : 'Outside'} business hours (${part.calendar.hours}, ${part.calendar.timeZone})`;
    case 'addLabel':
      return `Add label ${label(part.labelId)}`;
    case 'assignTeam':
      return `Transfer to ${part.team}`;
    case 'assignAgent':
      return `Assign to ${choices.agents.find((row) => row.id === part.agentId)?.name ?? '(former member)'}`;
    case 'cannedReply':
      return `Reply /${choices.canned.find((row) => row.id === part.cannedResponseId)?.shortcut ?? '(deleted)'}`;
    case 'addNote':
      return `Note “${part.text}”`;
    case 'notify':
      return `Notify “${part.message}”`;
    case 'setPriority':
      return `Set priority ${part.priority}`;
    case 'callWebhook':
      return `Call ${choices.webhooks.find((row) => row.id === part.subscriptionId)?.url ?? 'a webhook'}`;
    case 'resolve':
      return 'Resolve';
  }
}

/** The options a condition or action offers for its value (empty: typed text, or none). */
function optionsFor(type: Condition['type'] | Action['type'], choices: Choices): { id: string; name: string }[] {
  if (type === 'label' || type === 'addLabel') return choices.labels;
  if (type === 'team' || type === 'assignTeam') return choices.teams.map((team) => ({ id: team.name, name: team.name }));
  if (type === 'assignAgent') return choices.agents;
  if (type === 'cannedReply') return choices.canned.map((row) => ({ id: row.id, name: `/${row.shortcut}` }));
  if (type === 'callWebhook') return choices.webhooks.map((row) => ({ id: row.id, name: row.url }));
  if (type === 'channel') return CHANNELS.map((id) => ({ id, name: id }));
  if (type === 'priority' || type === 'setPriority') return PRIORITIES.map((id) => ({ id, name: id }));
  if (type === 'sentiment') return SENTIMENTS.map((id) => ({ id, name: id }));
  if (type === 'businessHours') return [{ id: 'open', name: `inside ${DEFAULT_CALENDAR.hours} (${DEFAULT_CALENDAR.timeZone})` }, { id: 'closed', name: `outside ${DEFAULT_CALENDAR.hours} (${DEFAULT_CALENDAR.timeZone})` }];
  return [];
}

function buildCondition(type: Condition['type'], value: string): Condition | null {
  if (!value.trim()) return null;
  if (type === 'textContains') return { type, text: value.trim() };
  if (type === 'label') return { type, labelId: value };
  if (type === 'team') return { type, in: [value] };
  if (type === 'channel') return { type, in: [value as (typeof CHANNELS)[number]] };
  if (type === 'sentiment') return { type, in: [value as (typeof SENTIMENTS)[number]] };
  if (type === 'businessHours') return { type, when: value === 'closed' ? 'closed' : 'open', calendar: DEFAULT_CALENDAR };
  return { type, in: [value as (typeof PRIORITIES)[number]] };
}

function buildAction(type: Action['type'], value: string): Action | null {
  if (type === 'resolve') return { type };
  if (!value.trim()) return null;
  if (type === 'addLabel') return { type, labelId: value };
  if (type === 'assignTeam') return { type, team: value };
  if (type === 'assignAgent') return { type, agentId: value };
  if (type === 'cannedReply') return { type, cannedResponseId: value };
  if (type === 'addNote') return { type, text: value.trim() };
  if (type === 'setPriority') return { type, priority: value as (typeof PRIORITIES)[number] };
  if (type === 'callWebhook') return { type, subscriptionId: value };
  return { type, message: value.trim() };
}

/** One "add a part" row: a kind picker, its value (a picker or text), and Add. */
function PartPicker<T extends string>({ kinds, choices, onAdd, testId }: { kinds: Record<T, string>; choices: Choices; onAdd: (type: T, value: string) => void; testId: string }) {
  const [type, setType] = useState(Object.keys(kinds)[0] as T);
  const [value, setValue] = useState('');
  const options = optionsFor(type as never, choices);
  const needsText = options.length === 0 && type !== 'resolve' && type !== 'callWebhook';
  return (
    <div className={css.picker}>
      <select className="select" aria-label="Kind" value={type} onChange={(event) => (setType(event.target.value as T), setValue(''))} data-testid={`${testId}-kind`}>
        {(Object.entries(kinds) as [T, string][]).map(([id, title]) => (
          <option key={id} value={id}>
            {title}
          </option>
        ))}
      </select>
      {options.length > 0 ? (
        <select className="select" aria-label="Value" value={value || options[0]!.id} onChange={(event) => setValue(event.target.value)} data-testid={`${testId}-value`}>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      ) : needsText ? (
        <input className="input" aria-label="Text" maxLength={300} value={value} onChange={(event) => setValue(event.target.value)} data-testid={`${testId}-text`} />
      ) : type === 'callWebhook' ? (
        <span className={css.empty}>
          No endpoints yet: add one under <Link href="/settings/webhooks">Webhooks</Link>.
        </span>
      ) : (
        <span />
      )}
      <button type="button" className="btn btn-sm" onClick={() => (onAdd(type, value || options[0]?.id || ''), setValue(''))} data-testid={`${testId}-add`}>
        <Icon name="plus" size={13} />
        Add
      </button>
    </div>
  );
}

function PartList({ parts, choices, onRemove, testId, empty }: { parts: (Condition | Action)[]; choices: Choices; onRemove: (index: number) => void; testId: string; empty: string }) {
  if (parts.length === 0) return <p className={css.empty} data-testid={testId}>{empty}</p>;
  return (
    <ol className={styles.macroSteps} data-testid={testId}>
      {parts.map((part, i) => (
        <li key={i}>
          {describePart(part, choices)}
          <button type="button" className="btn btn-sm btn-ghost" aria-label="Remove" onClick={() => onRemove(i)}>
            <Icon name="x" size={12} />
          </button>
        </li>
      ))}
    </ol>
  );
}

export const emptyRule: RuleDraft = { name: '', enabled: true, event: 'message.received', idleMinutes: null, conditions: [], actions: [] };

/** Builds or edits a rule: when (event), only if (conditions, all of them), then (actions, in order). */
export function AutomationRuleForm(props: { initial: RuleDraft; choices: Choices; pending: boolean; error: string | null; onSave: (rule: RuleDraft) => void; onTest: (rule: RuleDraft) => void; onCancel?: () => void }) {
  const { choices } = props;
  const nameId = useId();
  const eventId = useId();
  const [rule, setRule] = useState<RuleDraft>(props.initial);
  const set = (change: Partial<RuleDraft>) => setRule({ ...rule, ...change });
  function submit(event: FormEvent) {
    event.preventDefault();
    props.onSave(rule);
  }
  return (
    <form className={styles.stackForm} onSubmit={submit} data-testid="rule-form">
      <div className={styles.formRow}>
        <div className="field">
          <label htmlFor={nameId} className="field-label">
            Name
          </label>
          <input id={nameId} className="input" required maxLength={80} placeholder="Refunds to Billing" value={rule.name} onChange={(event) => set({ name: event.target.value })} data-testid="rule-name" />
        </div>
        <div className="field">
          <label htmlFor={eventId} className="field-label">
            When
          </label>
          <select id={eventId} className="select" value={rule.event} onChange={(event) => set({ event: event.target.value as AutomationEvent, idleMinutes: event.target.value === 'idle' ? 30 : null })} data-testid="rule-event">
            {(Object.entries(EVENTS) as [AutomationEvent, string][]).map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </div>
        {rule.event === 'idle' ? (
          <div className="field">
            <label className="field-label">Minutes</label>
            <input className="input" type="number" min={1} max={43200} value={rule.idleMinutes ?? 30} onChange={(event) => set({ idleMinutes: Number(event.target.value) })} data-testid="rule-idle-minutes" />
          </div>
        ) : null}
      </div>
      <h3 className={css.partHeading}>Only if (all of these)</h3>
      <PartList parts={rule.conditions} choices={choices} onRemove={(i) => set({ conditions: rule.conditions.filter((_, j) => j !== i) })} testId="rule-conditions" empty="None yet: every conversation the event happens to." />
      <PartPicker kinds={CONDITIONS} choices={choices} testId="rule-condition" onAdd={(type, value) => {
        const condition = buildCondition(type, value);
        if (condition) set({ conditions: [...rule.conditions, condition] });
      }} />
      <h3 className={css.partHeading}>Then (in order)</h3>
      <PartList parts={rule.actions} choices={choices} onRemove={(i) => set({ actions: rule.actions.filter((_, j) => j !== i) })} testId="rule-actions" empty="None yet: add at least one." />
      <PartPicker kinds={ACTIONS} choices={choices} testId="rule-action" onAdd={(type, value) => {
        const action = buildAction(type, value);
        if (action) set({ actions: [...rule.actions, action] });
      }} />
      {props.error ? <p className="field-error" data-testid="rule-error">{props.error}</p> : null}
      <div className={css.buttons}>
        {props.onCancel ? (
          <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="button" className="btn" disabled={rule.actions.length === 0} onClick={() => props.onTest(rule)} data-testid="rule-test">
          Test…
        </button>
        <button type="submit" className="btn btn-primary" disabled={props.pending || !rule.name.trim() || rule.actions.length === 0} data-testid="rule-save">
          Save rule
        </button>
      </div>
    </form>
  );
}
