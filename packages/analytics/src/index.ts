/**
 * Analytics queries over the events activities write (AnalyticsEvent, its daily rollup): the
 * four dashboards, their drill-downs and custom reports. Used by the API's routers and by the
 * worker's scheduled report deliveries; runs on SQLite and PostgreSQL alike.
 */
export { analyticsFiltersSchema, analyticsInputSchema, EventScope, previousRange, type AnalyticsFilters, type AnalyticsInput, type Figure, type Range } from "./scope";
export { conversationsDashboard } from "./conversations-dashboard";
export { teamDashboard } from "./team-dashboard";
export { satisfactionDashboard } from "./satisfaction-dashboard";
export { commentFiltersSchema, satisfactionComments, type CommentFilters } from "./satisfaction-comments";
export { voiceDashboard } from "./voice-dashboard";
export { drillDown, drillDownSchema, type DrillDown } from "./drill-down";
export {
  periodOf,
  REPORT_DIMENSIONS,
  REPORT_GRAINS,
  REPORT_METRICS,
  reportDefinitionSchema,
  runReport,
  type ReportDefinition,
  type ReportDimension,
  type ReportGrain,
  type ReportMetric,
  type ReportRow,
} from "./reports";
export {
  MAX_REPORT_RECIPIENTS,
  REPORT_SCHEDULES,
  reportScheduleId,
  reportScheduleSchema,
  savedReportSchema,
  type ReportSchedule,
  type ReportScheduleSetting,
  type SavedReport,
} from "./saved-report";
export { csvCell, csvText, reportCsv } from "./csv";
