import { landmarkText, patientMuscle } from '@core/clinic/anatomy/patient-view.ts';
import type { StimulationProgramme } from '@core/clinic/programme/stimulation-types.ts';
import { memo } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { say } from '../i18n/patient-text.ts';
import { BodyOutline } from './body-diagram.tsx';

/**
 * Where each muscle's electrode pair sits on the outline (x, y in %, drawn for the patient's right
 * side as seen from the front: the patient's right on the viewer's left). Muscles on the back of the
 * body are drawn on the back view (the core's PLACEMENT_VIEWS), seen from behind, where the patient's
 * right is on the viewer's right.
 */
const PADS: Record<string, { proximal: [number, number]; distal: [number, number] }> = {
  quadriceps: { proximal: [44, 52], distal: [44.5, 65] },
  hamstrings: { proximal: [44, 52], distal: [44, 65] },
  'gluteus-maximus': { proximal: [45, 44], distal: [45, 49] },
  'triceps-surae': { proximal: [43, 73], distal: [43, 83] },
  'tibialis-anterior': { proximal: [44, 73], distal: [44, 84] },
  deltoid: { proximal: [31, 19], distal: [29, 26] },
  'biceps-brachii': { proximal: [28, 25], distal: [26, 33] },
  'triceps-brachii': { proximal: [28, 25], distal: [26, 33] },
  'wrist-extensors': { proximal: [22, 38], distal: [20, 46] },
  'wrist-flexors': { proximal: [22, 38], distal: [20, 46] },
  'lumbar-paraspinals': { proximal: [46, 36], distal: [46, 44] },
};

function mirror([x, y]: [number, number], side: 'left' | 'right', back: boolean): [number, number] {
  // From the front the patient's right is on the viewer's left; from behind, on the viewer's right.
  return (side === 'right') !== back ? [x, y] : [100 - x, y];
}

export const ElectrodePlacement = memo(function ElectrodePlacement({
  programme,
  muscleLabel,
}: {
  /** The programme whose first channel's pads are drawn, on its muscle and side. */
  programme: Pick<StimulationProgramme, 'muscle' | 'side' | 'channels'>;
  muscleLabel: string;
}) {
  const { t } = useI18n();
  const { muscle, side } = programme;
  const electrodes = programme.channels[0]?.electrodes ?? [];
  const pads = Object.hasOwn(PADS, muscle) ? PADS[muscle] : undefined;
  const back = patientMuscle(muscle).view === 'back';
  const viewerLeft = (side === 'right') !== back;
  return (
    <figure className="placement" data-view={back ? 'back' : 'front'}>
      <div className="placement-picture">
        <BodyOutline>
          <text x="50" y="4" fontSize="3.2" textAnchor="middle">
            {t(back ? 'placement.seenFromBehind' : 'placement.seenFromFront')}
          </text>
          {pads &&
            (['proximal', 'distal'] as const).map((position) => {
              const [x, y] = mirror(pads[position], side, back);
              return (
                <g key={position}>
                  <rect
                    x={x - 3}
                    y={y - 2.5}
                    width="6"
                    height="5"
                    rx="1"
                    fill={position === 'proximal' ? '#2c6fbb' : '#c0392b'}
                    stroke="#222"
                    strokeWidth="0.3"
                  />
                  <text
                    x={x + (viewerLeft ? -4 : 4)}
                    y={y + 1}
                    fontSize="3.2"
                    textAnchor={viewerLeft ? 'end' : 'start'}
                  >
                    {position === 'proximal' ? '1' : '2'}
                  </text>
                </g>
              );
            })}
        </BodyOutline>
      </div>
      <figcaption>
        <strong>
          {t('placement.caption', { muscle: muscleLabel, side })}
          {t(back ? 'placement.captionBack' : 'placement.captionFront')}
        </strong>
        <ol>
          {electrodes.map((e) => (
            <li key={`${e.position}-${e.site}`}>
              <span className={`pad ${e.position}`} aria-hidden="true" />{' '}
              {t('placement.pad', {
                position: e.position,
                sizeCm2: Math.round(e.sizeCm2),
                landmark: say(landmarkText(e.site, e.position) ?? e.landmark),
              })}
            </li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
});
