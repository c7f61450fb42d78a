'use client';

import type { AppRouter } from '@parley/api';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { formatFigure, type DrillDownFigure } from '@/lib/analytics-view';
import { FigureCard, FigureGrid, Panel } from './FigureCard';
import styles from './analytics.module.css';

type Data = inferOutput<TRPCOptionsProxy<AppRouter>['analytics']['team']>;
type Row = Data['agents'][number] | Data['teams'][number];

function PeopleTable({ rows, first, name }: { rows: Row[]; first: string; name: (row: Row) => string }) {
  if (rows.length === 0) return <p className={styles.empty}>Nobody worked a conversation in this period.</p>;
  return (
    <div className={styles.tableScroll}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{first}</th>
            <th>Conversations</th>
            <th>First response</th>
            <th>Resolution</th>
            <th>SLA breached</th>
            <th>CSAT</th>
            <th>Quality</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={name(row)}>
              <td>{name(row)}</td>
              <td>{row.conversations}</td>
              <td>{formatFigure(row.firstResponseSeconds, 'duration')}</td>
              <td>{formatFigure(row.resolutionSeconds, 'duration')}</td>
              <td>{row.breached}</td>
              <td>{row.ratings ? `${formatFigure(row.csat, 'percent')} (${row.ratings})` : '—'}</td>
              <td>{formatFigure(row.quality, 'points')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** First response, resolution, SLA met, and the same per agent and team. */
export function TeamTab({ data, onDrillDown }: { data: Data; onDrillDown: (figure: DrillDownFigure, label: string) => void }) {
  const f = data.figures;
  return (
    <>
      <FigureGrid>
        <FigureCard label="Handed off" figure={f.handedOff} format="count" drillDown="handedOff" onDrillDown={onDrillDown} testId="fig-team-handed-off" />
        <FigureCard label="First response" figure={f.firstResponseSeconds} format="duration" upIsGood={false} drillDown="firstResponse" onDrillDown={onDrillDown} testId="fig-first-response" />
        <FigureCard label="Resolution time" figure={f.resolutionSeconds} format="duration" upIsGood={false} testId="fig-team-resolution" />
        <FigureCard label="SLA met" figure={f.slaMetRate} format="percent" upIsGood drillDown="slaBreached" onDrillDown={onDrillDown} testId="fig-sla-met" />
        <FigureCard label="SLA warnings" figure={f.slaWarned} format="count" upIsGood={false} testId="fig-sla-warned" />
      </FigureGrid>
      <div className={styles.stack}>
        <Panel title="Agents" testId="analytics-agents">
          <PeopleTable rows={data.agents} first="Agent" name={(row) => ('name' in row ? row.name : '')} />
        </Panel>
        <Panel title="Teams" testId="analytics-teams">
          <PeopleTable rows={data.teams} first="Team" name={(row) => ('team' in row ? row.team : '')} />
        </Panel>
      </div>
    </>
  );
}
