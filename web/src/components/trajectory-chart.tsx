import { DAY_MS } from '@core/shared/time-units.ts';
import { Area, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { label } from '../format.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { Forecast, Overview } from '../types.ts';
import { ChartFrame } from './chart-frame.tsx';

/**
 * Measured muscle size against the forecast: the 80 % band and most probable course for this
 * patient, the three scenarios (no treatment, stimulation, stimulation + exercise), and each
 * measurement's implied change. Without a forecast (a cause the model does not cover), the raw
 * % change of each size series is drawn.
 */
export function TrajectoryChart({
  overview,
  forecast,
  compact = false,
}: {
  overview: Overview;
  forecast: Forecast | undefined;
  compact?: boolean;
}) {
  const { t, formatDate, formatDecimal } = useI18n();
  const model = overview.trajectory.model;
  const height = compact ? 240 : 320;
  // The compact chart is the patient's: whole numbers only, as a person reads them; the clinician's
  // keeps one decimal throughout ("2.0 %"). Numbers in the reader's locale (1,5 in Spanish and German).
  const num = (v: number | null | undefined) =>
    v === null || v === undefined || !Number.isFinite(v) ? '—' : formatDecimal(v, compact ? 0 : 1);
  if (!model) {
    const series = overview.trajectory.series;
    if (series.length === 0) {
      // The patient is not asked to measure: that is the clinician's work.
      return compact ? <p>{t('trajectory.none.patient')}</p> : <p>{t('trajectory.none.clinician')}</p>;
    }
    const start = Math.min(...series.flatMap((s) => s.points.map((p) => Date.parse(p.measuredAt))));
    return (
      <figure className="chart" aria-label={t('trajectory.measured.label')}>
        <figcaption>{t('trajectory.measured.caption')}</figcaption>
        <ChartFrame heightPx={height}>
          <XAxis
            dataKey="day"
            type="number"
            domain={['dataMin', 'dataMax']}
            label={{ value: t('trajectory.days'), position: 'insideBottom', offset: -12 }}
          />
          <YAxis unit="%" allowDecimals={!compact} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${num(v)} %` : String(v))} />
          <ReferenceLine y={0} stroke="#888" />
          {series.map((s, i) => (
            <Line
              key={`${s.kind}-${s.site}-${s.side}`}
              data={s.points.map((p) => ({
                day: Math.round((Date.parse(p.measuredAt) - start) / DAY_MS),
                change: p.changePct,
              }))}
              dataKey="change"
              name={
                compact
                  ? t('trajectory.side', { side: s.side ?? 'none' })
                  : `${label(s.kind)} ${s.side ?? ''}`
              }
              stroke={['#0b6e4f', '#7f8c8d', '#2c6fbb', '#c0392b'][i % 4]}
              isAnimationActive={false}
            />
          ))}
        </ChartFrame>
      </figure>
    );
  }

  const byDay = new Map<number, Record<string, number | [number, number]>>();
  const row = (day: number) => {
    let r = byDay.get(day);
    if (!r) {
      r = { day };
      byDay.set(day, r);
    }
    return r;
  };
  for (const f of model.forecast) {
    const r = row(f.day);
    r.forecast = f.changePct;
    r.band = [f.lowPct, f.highPct];
  }
  const scenarios = forecast?.scenarios;
  if (scenarios) {
    for (const [key, points] of Object.entries(scenarios)) {
      for (const p of points) if (byDay.has(p.day) || p.day % 7 === 0) row(p.day)[key] = p.changePct;
    }
  }
  const data = [...byDay.values()].sort((a, b) => (a.day as number) - (b.day as number));
  const measured = model.measured.map((m) => ({ day: m.day, measured: m.impliedChangePct }));
  const today = Math.floor((Date.now() - Date.parse(`${model.startDate}T00:00:00Z`)) / DAY_MS);
  const c = forecast?.comparison;

  return (
    <figure className="chart" aria-label={t('trajectory.label')}>
      <figcaption>
        {t('trajectory.caption', {
          muscle: t(`trajectory.muscle.${model.muscle}`),
          // A calendar day: formatted as that day in any time zone, in the reader's locale.
          startDate: formatDate(model.startDate),
          scenario: t(`trajectory.scenario.${model.scenario}`),
          count: measured.length,
        })}
        {c && (
          <>
            {' '}
            {t('trajectory.comparison', {
              day: c.day,
              noTreatment: num(c.noTreatment.changePctAtEnd),
              stimulation: num(c.stimulation.changePctAtEnd),
              stimulationAndExercise: num(c.stimulationAndExercise.changePctAtEnd),
            })}
          </>
        )}
      </figcaption>
      <ChartFrame heightPx={height} data={data}>
        <XAxis
          dataKey="day"
          type="number"
          domain={[0, 'dataMax']}
          label={{ value: t('trajectory.day'), position: 'insideBottom', offset: -12 }}
        />
        <YAxis unit="%" allowDecimals={!compact} />
        <Tooltip
          formatter={(v) =>
            Array.isArray(v)
              ? t('trajectory.range', { low: num(v[0]), high: num(v[1]) })
              : typeof v === 'number'
                ? `${num(v)} %`
                : String(v)
          }
        />
        <ReferenceLine y={0} stroke="#888" />
        {today >= 0 && (
          <ReferenceLine x={today} stroke="#2c3e50" strokeDasharray="4 4" label={t('trajectory.today')} />
        )}
        <Area
          dataKey="band"
          name={t('trajectory.band')}
          stroke="none"
          fill="#0b6e4f"
          fillOpacity={0.15}
          isAnimationActive={false}
        />
        <Line
          dataKey="forecast"
          name={t('trajectory.forecast')}
          stroke="#0b6e4f"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        {scenarios && (
          <>
            <Line
              dataKey="noTreatment"
              name={t('trajectory.noTreatment')}
              stroke="#c0392b"
              strokeDasharray="5 4"
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              dataKey="stimulation"
              name={t('trajectory.stimulation')}
              stroke="#2c6fbb"
              strokeDasharray="2 3"
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              dataKey="stimulationAndExercise"
              name={t('trajectory.stimulationAndExercise')}
              stroke="#8e44ad"
              strokeDasharray="8 3"
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          </>
        )}
        <Scatter
          data={measured}
          dataKey="measured"
          name={t('trajectory.measured')}
          fill="#111"
          isAnimationActive={false}
        />
      </ChartFrame>
      {!compact && model.basis.length > 0 && (
        <section className="forecast-basis" aria-label={t('trajectory.basis')}>
          <h3>{t('trajectory.basis')}</h3>
          <ul>
            {model.basis.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
    </figure>
  );
}
