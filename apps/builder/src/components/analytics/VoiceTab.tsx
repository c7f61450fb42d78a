'use client';

import type { AppRouter } from '@parley/api';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { DrillDownFigure } from '@/lib/analytics-view';
import { BarList, TrendChart } from './Charts';
import { FigureCard, FigureGrid, Panel } from './FigureCard';
import styles from './analytics.module.css';

type Data = inferOutput<TRPCOptionsProxy<AppRouter>['analytics']['voice']>;

/** Calls, recognition confidence and latency, synthesis latency, line quality (SNR), barge-ins and offline-engine calls. */
export function VoiceTab({ data, onDrillDown }: { data: Data; onDrillDown: (figure: DrillDownFigure, label: string) => void }) {
  const f = data.figures;
  return (
    <>
      <FigureGrid>
        <FigureCard label="Calls" figure={f.calls} format="count" testId="fig-calls" />
        <FigureCard label="STT confidence" figure={f.sttConfidence} format="score" upIsGood drillDown="voiceTurns" onDrillDown={onDrillDown} testId="fig-stt-confidence" />
        <FigureCard label="Mean SNR" figure={f.snrDb} format="decibels" upIsGood testId="fig-snr" />
        <FigureCard label="Barge-in rate" figure={f.bargeInRate} format="percent" drillDown="bargeIns" onDrillDown={onDrillDown} testId="fig-barge-in" />
        <FigureCard label="Calls on an offline engine" figure={f.offlineCallRate} format="percent" upIsGood={false} testId="fig-offline" />
        <FigureCard label="STT latency p50" figure={f.sttLatencyP50Ms} format="milliseconds" upIsGood={false} testId="fig-stt-p50" />
        <FigureCard label="STT latency p95" figure={f.sttLatencyP95Ms} format="milliseconds" upIsGood={false} testId="fig-stt-p95" />
        <FigureCard label="TTS first audio p50" figure={f.ttsFirstByteP50Ms} format="milliseconds" upIsGood={false} testId="fig-tts-p50" />
        <FigureCard label="TTS first audio p95" figure={f.ttsFirstByteP95Ms} format="milliseconds" upIsGood={false} testId="fig-tts-p95" />
      </FigureGrid>
      <div className={styles.grid}>
        <Panel title="Caller turns by SNR" testId="analytics-snr">
          <BarList data={data.snrBuckets} label="Turns" value={(row) => row.turns} name={(row) => (row.fromDb >= 30 ? '≥ 30 dB' : `${row.fromDb}–${row.fromDb + 10} dB`)} />
        </Panel>
        <Panel title="Speech-to-text engines">
          <BarList data={data.engines} label="Turns" value={(row) => row.turns} name={(row) => row.engine} />
        </Panel>
        <Panel title="Mean STT confidence by day">
          <TrendChart data={data.byDay} dataKey="confidence" label="Confidence" />
        </Panel>
      </div>
      <p className={styles.note}>
        Latencies are per caller turn of a live call, by the voice gateway: recognition from the end of speech to the transcript, and synthesis from the request to the first audio of the reply
        heard before the turn.
      </p>
    </>
  );
}
