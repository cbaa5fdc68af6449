/**
 * The muscle-size chart a patient reads on Today, in their language: the caption names the muscle
 * and the circumstance in words, the start day in the reader's date format, and numbers with the
 * locale's decimal comma — never the model's ids or an ISO date (issue 18 item 4).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { TrajectoryChart } from '../web/src/components/trajectory-chart.tsx';
import { activateLanguage } from '../web/src/i18n/i18n.ts';
import type { Overview } from '../web/src/types.ts';

const overview = {
  trajectory: {
    series: [],
    model: {
      scenario: 'cast',
      muscle: 'calf',
      startDate: '2026-03-02',
      baselineFrom: 'other-side',
      forecast: [{ day: 0, date: '2026-03-02', changePct: 0, lowPct: -1, highPct: 1 }],
      measured: [{ day: 14, date: '2026-03-16', kind: 'circumference', impliedChangePct: -7.5, errorPct: 2 }],
      basis: [],
    },
  },
} as unknown as Overview;

const caption = (html: string) => /<figcaption>(.*?)<\/figcaption>/s.exec(html)?.[1] ?? '';
const chartCaption = () =>
  caption(
    renderToStaticMarkup(createElement(TrajectoryChart, { overview, forecast: undefined, compact: true })),
  );

afterEach(() => activateLanguage('en'));

describe('the muscle-size chart in the patient’s language', () => {
  it('names the muscle, the circumstance and the start day in English words', () => {
    expect(chartCaption()).toMatch(/^Calf size change \(%\) since 2 Mar 2026 \(cast\)\./);
  });

  it.each([
    ['es', /^Pantorrilla: cambio de tamaño \(%\) desde 2 mar 2026 \(escayola\)\./],
    ['de', /^Wade: Veränderung der Größe \(%\) seit 2\. März 2026 \(Gips\)\./],
  ] as const)('%s: no English id or ISO date reaches the caption', async (language, expected) => {
    await activateLanguage(language);
    const words = chartCaption();
    expect(words).toMatch(expected);
    expect(words).not.toMatch(/2026-03-02|\bcalf\b|\bcast\b/i);
  });

  it("writes the forecast's figures whole for the patient and to one decimal for the clinician", async () => {
    const forecast = {
      comparison: {
        day: 84,
        noTreatment: { changePctAtEnd: -12 },
        stimulation: { changePctAtEnd: -8.44 },
        stimulationAndExercise: { changePctAtEnd: -5.06 },
      },
    } as unknown as Parameters<typeof TrajectoryChart>[0]['forecast'];
    const captionOf = (compact: boolean) =>
      caption(renderToStaticMarkup(createElement(TrajectoryChart, { overview, forecast, compact })));
    expect(captionOf(true)).toContain(
      'At day 84: no treatment -12 %, stimulation -8 %, stimulation + exercise -5 %.',
    );
    expect(captionOf(false)).toContain(
      'At day 84: no treatment -12.0 %, stimulation -8.4 %, stimulation + exercise -5.1 %.',
    );
    await activateLanguage('de');
    expect(captionOf(false)).toMatch(/-12,0 %.*-8,4 %.*-5,1 %/);
  });
});
