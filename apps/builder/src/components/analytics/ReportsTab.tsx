'use client';

import type { AppRouter } from '@parley/api';
import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, LoadingState } from '@parley/ui';
import { formatFigure, type AnalyticsInput, type AnalyticsView } from '@/lib/analytics-view';
import { downloadText } from '@/lib/download';
import { useTRPC } from '@/lib/trpc';
import { BarList, TrendChart } from './Charts';
import { Panel } from './FigureCard';
import { SavedReports } from './SavedReports';
import styles from './analytics.module.css';

type Api = TRPCOptionsProxy<AppRouter>['reports'];
export type ReportDefinition = Required<inferInput<Api['run']>['definition']>;
type ReportResult = inferOutput<Api['run']>;

const DEFAULT_REPORT: ReportDefinition = { metric: 'conversations', groupBy: 'channel', grain: 'none' };
const GRAIN_LABEL: Record<ReportDefinition['grain'], string> = { none: 'No time split', day: 'Day', week: 'Week', month: 'Month' };

/** A report builder: one metric by a dimension and/or a time grain, over the page's range and filters. */
export function ReportsTab({ view, input, onView }: { view: AnalyticsView; input: AnalyticsInput; onView: (view: AnalyticsView) => void }) {
  const trpc = useTRPC();
  const [definition, setDefinition] = useState<ReportDefinition>(DEFAULT_REPORT);
  const catalog = useQuery(trpc.reports.catalog.queryOptions());
  const report = useQuery(trpc.reports.run.queryOptions({ range: input, definition }));
  const csv = useQuery({ ...trpc.reports.csv.queryOptions({ range: input, definition }), enabled: false });
  const set = <K extends keyof ReportDefinition>(key: K, value: ReportDefinition[K]) => setDefinition({ ...definition, [key]: value });
  const exportCsv = async () => {
    const { data } = await csv.refetch();
    if (data) downloadText(data.csv, `parley-${definition.metric}-${new Date().toISOString().slice(0, 10)}.csv`);
  };
  const picker = <K extends keyof ReportDefinition>(key: K, label: string, choices: { id: string; label: string }[]) => (
    <label className={styles.filter}>
      <span className={styles.filterLabel}>{label}</span>
      <select value={definition[key]} onChange={(event) => set(key, event.target.value as ReportDefinition[K])} data-testid={`report-${key}`}>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <SavedReports
        current={{ definition, filters: view.filters, days: view.days }}
        onOpen={(saved) => {
          setDefinition({ ...DEFAULT_REPORT, ...saved.definition });
          onView({ ...view, days: saved.days, filters: saved.filters });
        }}
      />
      <div className={styles.filters}>
        {picker('metric', 'Metric', catalog.data?.metrics ?? [{ id: definition.metric, label: definition.metric }])}
        {picker('groupBy', 'Split by', catalog.data?.dimensions ?? [{ id: definition.groupBy, label: definition.groupBy }])}
        {picker('grain', 'Over time', (catalog.data?.grains ?? [definition.grain]).map((grain) => ({ id: grain, label: GRAIN_LABEL[grain] })))}
        <button type="button" className="btn btn-sm" onClick={() => void exportCsv()} disabled={csv.isFetching} data-testid="report-export">
          {csv.isFetching ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      {report.isPending ? <LoadingState label="Running the report…" /> : null}
      {report.isError ? <ErrorState error={report.error} title="Could not run the report" onRetry={() => void report.refetch()} /> : null}
      {report.data ? <ReportResultView result={report.data} definition={definition} /> : null}
    </>
  );
}

function ReportResultView({ result, definition }: { result: ReportResult; definition: ReportDefinition }) {
  const { format, label } = result.metric;
  const timed = definition.grain !== 'none';
  const grouped = definition.groupBy !== 'none';
  const chart =
    timed && !grouped ? (
      <TrendChart data={result.rows.map((row) => ({ day: row.period ?? '', value: row.value }))} dataKey="value" label={label} percent={format === 'percent'} />
    ) : grouped && !timed ? (
      <BarList data={result.rows} label={label} value={(row) => row.value ?? 0} name={(row) => row.name} />
    ) : null;
  return (
    <div className={styles.stack} data-testid="report-result">
      {chart ? <Panel title={label}>{chart}</Panel> : null}
      <Panel title={chart ? 'Table' : label}>
        {result.rows.length === 0 ? (
          <p className={styles.empty}>No data in this period.</p>
        ) : (
          <div className={styles.tableScroll}>
            <table className={styles.table} data-testid="report-table">
              <thead>
                <tr>
                  {timed ? <th>{GRAIN_LABEL[definition.grain]}</th> : null}
                  {grouped ? <th>Group</th> : null}
                  <th>{label}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => (
                  <tr key={`${row.period}|${row.key}`}>
                    {timed ? <td>{row.period}</td> : null}
                    {grouped ? <td>{row.name}</td> : null}
                    <td>{formatFigure(row.value, format)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}
