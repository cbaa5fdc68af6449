import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { dayKey } from '../format.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { Session } from '../types.ts';

/** Daily mean comfort and pain (0–10) of the logged sessions, by the patient's own days. */
export function ComfortPainTrend({ sessions, timeZone }: { sessions: Session[]; timeZone: string }) {
  const { t, locale } = useI18n();
  const data = useMemo(() => {
    const map = new Map<string, { comfort: number[]; pain: number[] }>();
    for (const s of sessions) {
      const key = dayKey(s.startedAt, timeZone);
      const entry = map.get(key) ?? { comfort: [], pain: [] };
      if (s.comfort !== null) entry.comfort.push(s.comfort);
      if (s.pain !== null) entry.pain.push(s.pain);
      map.set(key, entry);
    }
    // The day as the reader writes it: "6 dic", "6. Dez.", "6 Dec".
    const dayMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
    return [...map.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, e]) => ({
        day: dayMonth.format(new Date(`${day}T00:00:00Z`)),
        comfort: mean(e.comfort),
        pain: mean(e.pain),
      }));
  }, [sessions, timeZone, locale]);
  if (data.length === 0) return <p>{t('chart.comfortPain.none')}</p>;
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <figure className="chart" aria-label={t('chart.comfortPain.label')}>
      <figcaption>{t('chart.comfortPain.caption')}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" minTickGap={24} />
          <YAxis domain={[0, 10]} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? oneDecimal.format(v) : String(v))} />
          <Legend verticalAlign="top" />
          <Line
            dataKey="comfort"
            name={t('chart.comfortPain.comfort')}
            stroke="#0b6e4f"
            dot={data.length < 30}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            dataKey="pain"
            name={t('chart.comfortPain.pain')}
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
