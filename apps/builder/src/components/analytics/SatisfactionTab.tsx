'use client';

import type { AppRouter } from '@parley/api';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { formatFigure, type AnalyticsInput, type DrillDownFigure } from '@/lib/analytics-view';
import { CsatComments } from './CsatComments';
import { BarList, TrendChart } from './Charts';
import { FigureCard, FigureGrid, Panel } from './FigureCard';
import styles from './analytics.module.css';

type Data = inferOutput<TRPCOptionsProxy<AppRouter>['analytics']['satisfaction']>;

function ShareTable({ rows, first }: { rows: { name: string; ratings: number; share: number | null }[]; first: string }) {
  if (rows.length === 0) return <p className={styles.empty}>No ratings in this period.</p>;
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>{first}</th>
          <th>Ratings</th>
          <th>Mean score</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <td>{row.name}</td>
            <td>{row.ratings}</td>
            <td>{formatFigure(row.share, 'percent')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Score distribution and trend, by flow, team and agent (mean scores as a share of the scale), and the comments. */
export function SatisfactionTab({ data, range, onDrillDown }: { data: Data; range: AnalyticsInput; onDrillDown: (figure: DrillDownFigure, label: string) => void }) {
  const f = data.figures;
  return (
    <>
      <FigureGrid>
        <FigureCard label="Ratings" figure={f.ratings} format="count" drillDown="rated" onDrillDown={onDrillDown} testId="fig-ratings" />
        <FigureCard label="Satisfied (4–5 of 5)" figure={f.satisfiedRate} format="percent" upIsGood drillDown="dissatisfied" onDrillDown={onDrillDown} testId="fig-satisfied" />
        <FigureCard label="Mean score" figure={f.averageShare} format="percent" upIsGood testId="fig-csat-mean" />
      </FigureGrid>
      <div className={styles.grid}>
        <Panel title="Score distribution" testId="analytics-distribution">
          <BarList data={data.distribution} label="Ratings" value={(row) => row.count} name={(row) => `${row.score} of ${row.scale}`} />
        </Panel>
        <Panel title="Mean score by day">
          <TrendChart data={data.byDay} dataKey="share" label="Mean score" percent />
        </Panel>
        <Panel title="By flow">
          <ShareTable rows={data.byFlow} first="Flow" />
        </Panel>
        <Panel title="By team">
          <ShareTable rows={data.byTeam.map((row) => ({ ...row, name: row.team }))} first="Team" />
        </Panel>
        <Panel title="By agent">
          <ShareTable rows={data.byAgent} first="Agent" />
        </Panel>
      </div>
      <div className={styles.stack}>
        <Panel title="Comments" testId="analytics-csat-comments">
          <CsatComments range={range} />
        </Panel>
      </div>
    </>
  );
}
