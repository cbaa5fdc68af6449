import { describe, expect, it } from 'vitest';
import { LEFT_LOWER_LEG_CAST } from '../../../test/cast-condition.ts';
import { forecastMuscle } from '../../physiology/trajectory/forecast.ts';
import { forecastInputFor, trajectoryView } from './trajectory.ts';

const condition = LEFT_LOWER_LEG_CAST;
const patient = { birthDate: '1965-06-01', sex: 'female' };

describe('trajectory from the record', () => {
  it('maps the record to the model: scenario, muscle, days, age, remobilisation, measurements', () => {
    const measurements = [
      { kind: 'circumference', side: 'left', value: 38, measuredAt: '2025-01-01T09:00:00Z' },
      { kind: 'circumference', side: 'left', value: 36.9, measuredAt: '2025-01-29T09:00:00Z' },
      { kind: 'circumference', side: 'right', value: 38.2, measuredAt: '2025-01-29T09:05:00Z' },
    ];
    const prepared = forecastInputFor(condition, patient, measurements, new Date('2025-03-01T12:00:00Z'));
    expect(prepared?.baselineFrom).toBe('affected-side');
    expect(prepared?.input).toEqual({
      scenario: 'cast',
      muscle: 'calf',
      days: 59 + 28,
      ageYears: 59,
      sex: 'female',
      remobiliseAtDay: 42,
      measurements: [{ day: 28, kind: 'circumference', value: 36.9, baseline: 38 }],
    });
  });

  it("keeps a measurement taken this afternoon: it is today's", () => {
    const measurements = [
      { kind: 'circumference', side: 'left', value: 38, measuredAt: '2025-01-01T09:00:00Z' },
      { kind: 'circumference', side: 'left', value: 36.5, measuredAt: '2025-03-01T16:30:00Z' },
    ];
    const prepared = forecastInputFor(condition, patient, measurements, new Date('2025-03-01T17:00:00Z'));
    expect(prepared?.input.measurements).toEqual([
      { day: 59, kind: 'circumference', value: 36.5, baseline: 38 },
    ]);
  });

  it("counts days on the patient's own calendar: an Auckland evening is the next UTC day's morning", () => {
    const measurements = [
      { kind: 'circumference', side: 'left', value: 38, measuredAt: '2025-01-01T09:00:00Z' },
      // 2025-02-28T20:00Z is 09:00 on 1 March in Auckland (UTC+13 in summer): day 59 there, day 58 in UTC.
      { kind: 'circumference', side: 'left', value: 36.5, measuredAt: '2025-02-28T20:00:00Z' },
    ];
    const now = new Date('2025-02-28T21:00:00Z');
    const auckland = forecastInputFor(
      condition,
      { ...patient, timeZone: 'Pacific/Auckland' },
      measurements,
      now,
    );
    const utc = forecastInputFor(condition, patient, measurements, now);
    expect(auckland?.input.measurements?.map((m) => m.day)).toEqual([59]);
    expect(auckland?.input.days).toBe(59 + 28);
    expect(utc?.input.measurements?.map((m) => m.day)).toEqual([58]);
    expect(utc?.input.days).toBe(58 + 28);
    const view = trajectoryView(condition, { ...patient, timeZone: 'Pacific/Auckland' }, measurements, now);
    expect(view?.measured.map((m) => m.date)).toEqual(['2025-03-01']);
  });

  it('uses the other side as the baseline when the affected side was not measured before disuse', () => {
    const measurements = [
      { kind: 'circumference', side: 'left', value: 36.9, measuredAt: '2025-01-29T09:00:00Z' },
      { kind: 'circumference', side: 'right', value: 38.2, measuredAt: '2025-01-29T09:05:00Z' },
    ];
    const prepared = forecastInputFor(condition, patient, measurements, new Date('2025-03-01T12:00:00Z'));
    expect(prepared?.baselineFrom).toBe('other-side');
    expect(prepared?.input.measurements).toEqual([
      { day: 28, kind: 'circumference', value: 36.9, baseline: 38.2 },
    ]);
  });

  it('gives the forecast the physiology module computes, dated from day 0', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const view = trajectoryView(condition, patient, [], now);
    const direct = forecastMuscle({
      scenario: 'cast',
      muscle: 'calf',
      days: 87,
      ageYears: 59,
      sex: 'female',
      remobiliseAtDay: 42,
      measurements: [],
    });
    expect(view?.forecast).toHaveLength(88);
    expect(view?.forecast[42]).toEqual({ ...direct.days[42], date: '2025-02-12' });
    // The clinician reads beside the chart what the forecast rests on: the cast studies, no measurements.
    expect(view?.basis).toEqual(direct.basis);
    expect(view?.basis[0]).toMatch(/^Based on \d+ stud(y|ies) of adults with a leg in a cast/);
    expect(view?.basis[1]).toMatch(/^Without measurements of this patient the band/);
  });

  it('has no forecast for causes or sites the model does not cover', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    expect(trajectoryView({ ...condition, cause: 'stroke' }, patient, [], now)).toBeNull();
    expect(trajectoryView({ ...condition, site: 'forearm' }, patient, [], now)).toBeNull();
  });
});
