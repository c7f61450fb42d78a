'use client';

import type { AppRouter } from '@parley/api';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { formatFigure, type DrillDownFigure } from '@/lib/analytics-view';
import { FigureCard, FigureGrid, Panel } from './FigureCard';
import styles from './analytics.module.css';

type Data = inferOutput<TRPCOptionsProxy<AppRouter>['analytics']['team']>;
type Row = Data['agents'][number] | Data['teams'][number];

/** `presence`: the agents' table, with time online and away and occupancy (teams have no presence). */
function PeopleTable({ rows, first, name, presence = false }: { rows: Row[]; first: string; name: (row: Row) => string; presence?: boolean }) {
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
            {presence ? (
              <>
                <th>Online</th>
                <th>Away</th>
                <th>Occupancy</th>
              </>
            ) : null}
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
              {presence && 'onlineSeconds' in row ? (
                <>
                  <td>{formatFigure(row.onlineSeconds, 'duration')}</td>
                  <td>{formatFigure(row.awaySeconds, 'duration')}</td>
                  <td>{formatFigure(row.occupancy, 'percent')}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** First response, resolution, SLA met, presence and occupancy, and the same per agent and team. */
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
        <FigureCard label="Agent time online" figure={f.onlineSeconds} format="duration" testId="fig-online-time" />
        <FigureCard label="Occupancy" figure={f.occupancy} format="percent" upIsGood testId="fig-occupancy" />
      </FigureGrid>
      <div className={styles.stack}>
        <Panel title="Agents" testId="analytics-agents">
          <PeopleTable rows={data.agents} first="Agent" name={(row) => ('name' in row ? row.name : '')} presence />
        </Panel>
        <Panel title="Teams" testId="analytics-teams">
          <PeopleTable rows={data.teams} first="Team" name={(row) => ('team' in row ? row.team : '')} />
        </Panel>
      </div>
    </>
  );
}
