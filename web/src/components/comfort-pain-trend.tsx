import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { dayKey } from '../format.ts';
import type { Session } from '../types.ts';

/** Daily mean comfort and pain (0–10) of the logged sessions, by the patient's own days. */
export function ComfortPainTrend({ sessions, timeZone }: { sessions: Session[]; timeZone: string }) {
  const data = useMemo(() => {
    const map = new Map<string, { comfort: number[]; pain: number[] }>();
    for (const s of sessions) {
      const key = dayKey(s.startedAt, timeZone);
      const entry = map.get(key) ?? { comfort: [], pain: [] };
      if (s.comfort !== null) entry.comfort.push(s.comfort);
      if (s.pain !== null) entry.pain.push(s.pain);
      map.set(key, entry);
    }
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
    return [...map.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, e]) => ({ day: day.slice(5), comfort: mean(e.comfort), pain: mean(e.pain) }));
  }, [sessions, timeZone]);
  if (data.length === 0) return <p>No sessions logged yet.</p>;
  return (
    <figure className="chart" aria-label="Comfort and pain trend">
      <figcaption>Comfort and pain per day (0–10)</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" minTickGap={24} />
          <YAxis domain={[0, 10]} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(1) : String(v))} />
          <Legend verticalAlign="top" />
          <Line
            dataKey="comfort"
            stroke="#0b6e4f"
            dot={data.length < 30}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            dataKey="pain"
            stroke="#c0392b"
            dot={data.length < 30}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
