import { Icon } from '@parley/ui';
import type { SlaClockName, SlaClockView, SlaView } from '@/lib/api-types';
import { clockTime, fullDateTime, shortDate } from '@/lib/format';
import styles from './inbox.module.css';

const clockOrder = ['firstResponse', 'nextResponse', 'resolution'] as const satisfies readonly SlaClockName[];

/** How each clock reads in the header: "First reply due 15:40", "Resolve by 19:20". */
const clockWords = {
  firstResponse: { due: 'First reply due', done: 'First reply', short: 'First reply' },
  nextResponse: { due: 'Next reply due', done: 'Next reply', short: 'Next reply' },
  resolution: { due: 'Resolve by', done: 'Resolution', short: 'Resolution' },
} satisfies Record<SlaClockName, { due: string; done: string; short: string }>;

type ClockState = 'ok' | 'warned' | 'breached' | 'met' | 'paused';

export interface SlaChip {
  clock: SlaClockName;
  state: ClockState;
  text: string;
  /** Longer wording for the tooltip and screen readers. */
  detail: string;
}

/** "15:40", or "12 Mar 2025, 15:40" when it is not today. */
function dueTime(iso: string, now: number): string {
  const sameDay = shortDate(iso) === shortDate(new Date(now).toISOString());
  return sameDay ? clockTime(iso) : `${shortDate(iso)}, ${clockTime(iso)}`;
}

/**
 * The clocks worth showing, as the workflow last stored them: running ones with their due time
 * (breached once the due time has passed, even before the workflow's timer has saved it), a met
 * or paused first reply, nothing for clocks that have not started.
 */
export function slaChips(sla: SlaView | null, now: number, live = true): SlaChip[] {
  if (!sla) return [];
  const chips: SlaChip[] = [];
  for (const name of clockOrder) {
    const clock: SlaClockView | undefined = sla[name];
    if (!clock || clock.targetMs <= 0) continue;
    const words = clockWords[name];
    // A conversation that ended keeps its last stored view: only outcomes mean anything then.
    if (clock.phase === 'running' && clock.dueAt) {
      if (!live) continue;
      const breached = clock.breached || Date.parse(clock.dueAt) <= now;
      const state: ClockState = breached ? 'breached' : clock.warned ? 'warned' : 'ok';
      const when = dueTime(clock.dueAt, now);
      chips.push({
        clock: name,
        state,
        text: `${words.due} ${when}`,
        detail: `${words.due} ${fullDateTime(clock.dueAt)}${breached ? ' — breached' : clock.warned ? ' — at risk' : ''}`,
      });
    } else if (clock.phase === 'met' && name !== 'nextResponse') {
      chips.push({
        clock: name,
        state: clock.breached ? 'breached' : 'met',
        text: clock.breached ? `${words.done} late` : `${words.done} on time`,
        detail: clock.breached ? `${words.done} missed its target` : `${words.done} within target`,
      });
    } else if (clock.phase === 'paused' && name === 'firstResponse' && live) {
      chips.push({ clock: name, state: 'paused', text: `${words.short} paused`, detail: `${words.short} clock paused` });
    }
  }
  return chips;
}

const stateLabel = { ok: null, warned: 'At risk', breached: 'Breached', met: null, paused: null } satisfies Record<
  ClockState,
  string | null
>;

/** The SLA line of the conversation header; nothing when no policy is attached. */
export function SlaStatus({ sla, now, live }: { sla: SlaView | null; now: number; live: boolean }) {
  const chips = slaChips(sla, now, live);
  if (chips.length === 0) return null;
  return (
    <div>
      <dt>SLA</dt>
      <dd className={styles.slaChips} data-testid="detail-sla">
        {chips.map((chip) => (
          <span
            key={chip.clock}
            className={styles.slaChip}
            data-state={chip.state}
            data-clock={chip.clock}
            data-testid={`sla-${chip.clock}`}
            title={chip.detail}
          >
            <Icon name={chip.state === 'met' ? 'check-circle' : chip.state === 'breached' ? 'alert-triangle' : 'timer'} size={12} />
            {chip.text}
            {stateLabel[chip.state] ? <strong className={styles.slaState}>{stateLabel[chip.state]}</strong> : null}
          </span>
        ))}
      </dd>
    </div>
  );
}
