/** Analytics and reports. Who may call each procedure (rows of ../authorization-matrix.test.ts). */
import { SUPERVISORS, KEYS, type Principal } from "./principals";

export const analyticsRows: Record<string, Principal[]> = {
  "analytics.conversations": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.team": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.satisfaction": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.voice": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.satisfactionComments": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.drillDown": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.filterOptions": [...SUPERVISORS, "analyst", ...KEYS],
  "reports.catalog": [...SUPERVISORS, "analyst", ...KEYS],
  "reports.run": [...SUPERVISORS, "analyst", ...KEYS],
  "reports.csv": [...SUPERVISORS, "analyst", ...KEYS],
  "reports.list": [...SUPERVISORS, "analyst", ...KEYS],
  // Saved reports carry their author: people only. Deleting another's is refused by the procedure.
  "reports.save": [...SUPERVISORS, "analyst"],
  "reports.delete": [...SUPERVISORS, "analyst"],
};
