export { parseOpeningHours, type OpeningHoursResult } from './opening-hours';
export { slaPolicyFromConfig, SLA_CLOCKS, type SlaPolicy, type SlaClockName, type BreachAction } from './policy';
