'use client';

import type { AppRouter } from '@parley/api';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { DrillDownFigure } from '@/lib/analytics-view';
import { BarList, TrendChart } from './Charts';
import { FigureCard, FigureGrid, Panel } from './FigureCard';
import styles from './analytics.module.css';

type Data = inferOutput<TRPCOptionsProxy<AppRouter>['analytics']['conversations']>;
type OnDrill = (figure: DrillDownFigure, label: string) => void;

/** Volume by channel and flow, containment, resolution, intents and unanswered questions. */
export function ConversationsTab({ data, onDrillDown }: { data: Data; onDrillDown: OnDrill }) {
  const f = data.figures;
  return (
    <>
      <FigureGrid>
        <FigureCard label="Conversations" figure={f.conversations} format="count" drillDown="conversations" onDrillDown={onDrillDown} testId="fig-conversations" />
        <FigureCard label="Bot containment" figure={f.containmentRate} format="percent" upIsGood testId="fig-containment" />
        <FigureCard label="Handed off" figure={f.handoffRate} format="percent" upIsGood={false} drillDown="handedOff" onDrillDown={onDrillDown} testId="fig-handoff" />
        <FigureCard label="Resolved" figure={f.resolutionRate} format="percent" upIsGood drillDown="resolved" onDrillDown={onDrillDown} testId="fig-resolution" />
        <FigureCard label="Resolution time" figure={f.resolutionSeconds} format="duration" upIsGood={false} testId="fig-resolution-time" />
        <FigureCard label="Intent fallback" figure={f.fallbackRate} format="percent" upIsGood={false} drillDown="fallback" onDrillDown={onDrillDown} testId="fig-fallback" />
        <FigureCard label="Questions not answered" figure={f.unansweredRate} format="percent" upIsGood={false} drillDown="unanswered" onDrillDown={onDrillDown} testId="fig-unanswered" />
        <FigureCard label="Quality score" figure={f.quality} format="points" upIsGood drillDown="poorQuality" drillDownLabel="Poor quality (under 50)" onDrillDown={onDrillDown} testId="fig-quality" />
      </FigureGrid>
      <div className={styles.grid}>
        <Panel title="Conversations by day">
          <TrendChart data={data.byDay} dataKey="conversations" label="Conversations" />
        </Panel>
        <Panel title="By channel">
          <BarList data={data.byChannel} label="Conversations" value={(row) => row.conversations} name={(row) => row.channel} />
        </Panel>
        <Panel title="By flow">
          <BarList data={data.byFlow} label="Conversations" value={(row) => row.conversations} name={(row) => row.name} />
        </Panel>
        <Panel title="Top intents" testId="analytics-intents">
          <table className={styles.table}>
            <thead>
              <tr>
                <th>Intent</th>
                <th>Count</th>
                <th>Mean confidence</th>
              </tr>
            </thead>
            <tbody>
              {data.intents.map((row) => (
                <tr key={row.intent}>
                  <td>{row.intent}</td>
                  <td>{row.count}</td>
                  <td>{row.confidence === null ? '—' : row.confidence.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.intents.length === 0 ? <p className={styles.empty}>No intents recognised in this period.</p> : null}
        </Panel>
        <Panel title="Knowledge questions not answered" testId="analytics-unanswered">
          <ul className={styles.questions}>
            {data.unansweredQuestions.map((row) => (
              <li key={row.question}>
                <span>{row.question}</span>
                <span className={styles.dim}>×{row.count}</span>
              </li>
            ))}
          </ul>
          {data.unansweredQuestions.length === 0 ? <p className={styles.empty}>Every question found an answer.</p> : null}
        </Panel>
      </div>
    </>
  );
}
