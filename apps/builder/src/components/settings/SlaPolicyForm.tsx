'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import type { SlaPolicyRow } from '@/lib/api-types';
import css from './automation.module.css';
import styles from './settings.module.css';

type Config = NonNullable<SlaPolicyRow['config']>;
export type PolicyDraft = Omit<SlaPolicyRow, 'id' | 'config'> & { config: Config };

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const CHANNELS = ['web', 'voice', 'sms', 'whatsapp', 'email', 'api'] as const;
export const ON_BREACH = {
  notify: 'Notify the team',
  notify_raise_priority: 'Notify and raise priority',
  notify_reassign: 'Notify and reassign',
  notify_raise_priority_reassign: 'Notify, raise priority and reassign',
} satisfies Record<Config['onBreach'], string>;

export const emptyPolicy: PolicyDraft = {
  name: '',
  enabled: true,
  position: 0,
  teams: [],
  priorities: [],
  channels: [],
  config: { firstResponse: 15, nextResponse: 30, resolution: 480, warnAtPercent: 75, onBreach: 'notify_raise_priority', webhookUrl: '', timeZone: 'UTC', hours: 'mon-fri 09:00-17:00', holidays: '' },
};

/** Ticks for "applies to": none ticked means any. */
function Ticks<T extends string>({ legend, options, value, onChange, testId }: { legend: string; options: readonly T[]; value: T[]; onChange: (next: T[]) => void; testId: string }) {
  return (
    <fieldset className={css.ticks} data-testid={testId}>
      <legend className="field-label">{legend} (none: any)</legend>
      {options.map((option) => (
        <label key={option} className={styles.check}>
          <input type="checkbox" checked={value.includes(option)} onChange={(event) => onChange(event.target.checked ? [...value, option] : value.filter((item) => item !== option))} />
          {option}
        </label>
      ))}
    </fieldset>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

/** A workspace SLA policy: what it applies to (team, priority, channel), its targets, calendar and ladder. */
export function SlaPolicyForm(props: { initial: PolicyDraft; teams: string[]; pending: boolean; error: string | null; onSave: (policy: PolicyDraft) => void; onCancel?: () => void }) {
  const [policy, setPolicy] = useState<PolicyDraft>(props.initial);
  const set = (change: Partial<PolicyDraft>) => setPolicy({ ...policy, ...change });
  const setConfig = (change: Partial<Config>) => setPolicy({ ...policy, config: { ...policy.config, ...change } });
  const minutes = (key: 'firstResponse' | 'nextResponse' | 'resolution', label: string) => (
    <Field label={label}>
      <input className="input" type="number" min={0} value={policy.config[key]} onChange={(event) => setConfig({ [key]: Number(event.target.value) })} data-testid={`policy-${key}`} />
    </Field>
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    props.onSave(policy);
  }
  return (
    <form className={styles.stackForm} onSubmit={submit} data-testid="policy-form">
      <div className={styles.formRow}>
        <Field label="Name">
          <input className="input" required maxLength={80} placeholder="Support, business hours" value={policy.name} onChange={(event) => set({ name: event.target.value })} data-testid="policy-name" />
        </Field>
        <label className={styles.check}>
          <input type="checkbox" checked={policy.enabled} onChange={(event) => set({ enabled: event.target.checked })} data-testid="policy-enabled" />
          Enabled
        </label>
        <Field label="Order (lower first)">
          <input className="input" type="number" min={0} max={1000} value={policy.position} onChange={(event) => set({ position: Number(event.target.value) })} data-testid="policy-position" />
        </Field>
      </div>
      <h3 className={css.partHeading}>Applies to</h3>
      <Ticks legend="Teams" options={props.teams} value={policy.teams} onChange={(teams) => set({ teams })} testId="policy-teams" />
      <Ticks legend="Priorities" options={PRIORITIES} value={policy.priorities} onChange={(priorities) => set({ priorities })} testId="policy-priorities" />
      <Ticks legend="Channels" options={CHANNELS} value={policy.channels} onChange={(channels) => set({ channels })} testId="policy-channels" />
      <h3 className={css.partHeading}>Targets (business minutes; 0 = none)</h3>
      <div className={styles.formRow}>
        {minutes('firstResponse', 'First response')}
        {minutes('nextResponse', 'Next response')}
        {minutes('resolution', 'Resolution')}
        <Field label="Warn at (%)">
          <input className="input" type="number" min={1} max={99} value={policy.config.warnAtPercent} onChange={(event) => setConfig({ warnAtPercent: Number(event.target.value) })} />
        </Field>
      </div>
      <h3 className={css.partHeading}>Business hours</h3>
      <div className={styles.formRow}>
        <Field label="Time zone">
          <input className="input" value={policy.config.timeZone} onChange={(event) => setConfig({ timeZone: event.target.value })} data-testid="policy-timezone" />
        </Field>
        <Field label="Hours">
          <input className="input" placeholder="mon-fri 09:00-17:00, or always" value={policy.config.hours} onChange={(event) => setConfig({ hours: event.target.value })} data-testid="policy-hours" />
        </Field>
        <Field label="Holidays">
          <input className="input" placeholder="2026-12-25, 2026-12-26" value={policy.config.holidays} onChange={(event) => setConfig({ holidays: event.target.value })} />
        </Field>
      </div>
      <h3 className={css.partHeading}>Escalation</h3>
      <div className={styles.formRow}>
        <Field label="On breach">
          <select className="select" value={policy.config.onBreach} onChange={(event) => setConfig({ onBreach: event.target.value as Config['onBreach'] })} data-testid="policy-on-breach">
            {(Object.entries(ON_BREACH) as [Config['onBreach'], string][]).map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Breach webhook (optional)">
          <input className="input" type="url" placeholder="https://example.com/hooks/sla" value={policy.config.webhookUrl} onChange={(event) => setConfig({ webhookUrl: event.target.value })} />
        </Field>
      </div>
      {props.error ? <p className="field-error" data-testid="policy-error">{props.error}</p> : null}
      <div className={css.buttons}>
        {props.onCancel ? (
          <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={props.pending || !policy.name.trim()} data-testid="policy-save">
          Save policy
        </button>
      </div>
    </form>
  );
}
