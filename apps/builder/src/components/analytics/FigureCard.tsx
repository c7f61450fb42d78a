import { changeOf, formatFigure, type DrillDownFigure, type FigureFormat } from '@/lib/analytics-view';
import styles from './analytics.module.css';

export interface FigureProps {
  label: string;
  figure: { value: number | null; previous: number | null };
  format: FigureFormat;
  /** Whether a rise is good news (green) or bad (red); neutral when unset. */
  upIsGood?: boolean;
  /** The conversations behind the figure, opened on click. */
  drillDown?: DrillDownFigure;
  /** What the opened list shows, when it is not the figure itself (a mean opens its worst cases). */
  drillDownLabel?: string;
  onDrillDown?: (figure: DrillDownFigure, label: string) => void;
  testId: string;
}

/** A number, its change against the previous period, and a way to the conversations behind it. */
export function FigureCard({ label, figure, format, upIsGood, drillDown, drillDownLabel, onDrillDown, testId }: FigureProps) {
  const change = changeOf(figure.value, figure.previous, format);
  const delta = figure.value !== null && figure.previous !== null ? figure.value - figure.previous : 0;
  const tone = upIsGood === undefined || delta === 0 ? styles.neutral : (delta > 0) === upIsGood ? styles.good : styles.bad;
  const body = (
    <>
      <span className={styles.figureLabel}>{label}</span>
      <span className={styles.figureValue} data-testid={`${testId}-value`}>
        {formatFigure(figure.value, format)}
      </span>
      <span className={`${styles.figureChange} ${tone}`}>
        {change ? `${change} vs previous period` : `previous period: ${formatFigure(figure.previous, format)}`}
      </span>
    </>
  );
  if (!drillDown || !onDrillDown) {
    return (
      <div className={styles.figure} data-testid={testId}>
        {body}
      </div>
    );
  }
  return (
    <button type="button" className={`${styles.figure} ${styles.figureButton}`} onClick={() => onDrillDown(drillDown, drillDownLabel ?? label)} data-testid={testId} title="Show the conversations behind this figure">
      {body}
    </button>
  );
}

export function FigureGrid({ children }: { children: React.ReactNode }) {
  return <div className={styles.figures}>{children}</div>;
}

/** A titled panel for a chart or table. */
export function Panel({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className={styles.panel} data-testid={testId}>
      <h2 className={styles.panelTitle}>{title}</h2>
      {children}
    </section>
  );
}
