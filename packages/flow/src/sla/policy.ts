import type { BusinessCalendar } from '../calendar';
import type { NodeConfig } from '../registry';
import { calendarFromConfig } from './calendar-config';

export type SlaClockName = 'firstResponse' | 'nextResponse' | 'resolution';
export const SLA_CLOCKS: readonly SlaClockName[] = ['firstResponse', 'nextResponse', 'resolution'];

export type BreachAction = 'notify' | 'raise_priority' | 'reassign' | 'webhook';

/** An SLA policy as the runtime uses it: plain JSON, so it can live in workflow state. */
export interface SlaPolicy {
  calendar: BusinessCalendar;
  /** Business milliseconds per clock; 0 means the clock has no target. */
  targets: Record<SlaClockName, number>;
  warnAtPercent: number;
  breachActions: BreachAction[];
  webhookUrl: string | null;
}

const breachActionsByChoice = {
  notify: ['notify'],
  notify_raise_priority: ['notify', 'raise_priority'],
  notify_reassign: ['notify', 'reassign'],
  notify_raise_priority_reassign: ['notify', 'raise_priority', 'reassign'],
} as const satisfies Record<NodeConfig<'sla_policy'>['onBreach'], readonly BreachAction[]>;

/** Builds the runtime policy from a validated `sla_policy` node config. */
export function slaPolicyFromConfig(config: NodeConfig<'sla_policy'>): SlaPolicy {
  const calendar = calendarFromConfig(config);
  const minute = 60_000;
  return {
    calendar,
    targets: {
      firstResponse: config.firstResponse * minute,
      nextResponse: config.nextResponse * minute,
      resolution: config.resolution * minute,
    },
    warnAtPercent: config.warnAtPercent,
    breachActions: [...breachActionsByChoice[config.onBreach], ...(config.webhookUrl ? (['webhook'] as const) : [])],
    webhookUrl: config.webhookUrl || null,
  };
}
