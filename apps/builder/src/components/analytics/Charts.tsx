'use client';

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import styles from './analytics.module.css';

const AXIS = { fontSize: 11, fill: 'var(--text-3)' };

/** A daily series as a line; days without data are simply absent. */
export function TrendChart<T extends { day: string }>({ data, dataKey, label, percent }: { data: T[]; dataKey: keyof T & string; label: string; percent?: boolean }) {
  if (data.length === 0) return <p className={styles.empty}>No data in this period.</p>;
  return (
    <div className={styles.chart} role="img" aria-label={`${label} by day`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="day" tick={AXIS} tickFormatter={(day: string) => day.slice(5)} />
          <YAxis tick={AXIS} allowDecimals={!!percent} tickFormatter={percent ? (v: number) => `${Math.round(v * 100)}%` : undefined} />
          <Tooltip formatter={(v) => (percent ? `${(Number(v) * 100).toFixed(1)}%` : String(v))} />
          <Line type="monotone" dataKey={dataKey} name={label} stroke="var(--accent)" strokeWidth={2} dot={data.length < 40} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Categories as horizontal bars, largest first (as the API orders them). */
export function BarList<T>({ data, label, value, name }: { data: T[]; label: string; value: (row: T) => number; name: (row: T) => string }) {
  if (data.length === 0) return <p className={styles.empty}>No data in this period.</p>;
  const rows = data.map((row) => ({ name: name(row), value: value(row) }));
  return (
    <div className={styles.chart} style={{ height: Math.max(120, rows.length * 30 + 30) }} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="var(--border)" horizontal={false} />
          <XAxis type="number" tick={AXIS} allowDecimals={false} />
          <YAxis type="category" dataKey="name" tick={AXIS} width={110} />
          <Tooltip />
          <Bar dataKey="value" name={label} fill="var(--accent)" radius={[0, 4, 4, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
