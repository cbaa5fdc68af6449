import type { Electrode } from '@core/clinic/programme/stimulation-types.ts';
import { BodyOutline } from './body-diagram.tsx';

/** Where each muscle's electrode pair sits on the front-view outline (x, y in %, patient's right on the viewer's left). */
const PADS: Record<string, { proximal: [number, number]; distal: [number, number]; back?: boolean }> = {
  quadriceps: { proximal: [44, 52], distal: [44.5, 65] },
  hamstrings: { proximal: [44, 52], distal: [44, 65], back: true },
  'gluteus-maximus': { proximal: [45, 44], distal: [45, 49], back: true },
  'triceps-surae': { proximal: [43, 73], distal: [43, 83], back: true },
  'tibialis-anterior': { proximal: [44, 73], distal: [44, 84] },
  deltoid: { proximal: [31, 19], distal: [29, 26] },
  'biceps-brachii': { proximal: [28, 25], distal: [26, 33] },
  'triceps-brachii': { proximal: [28, 25], distal: [26, 33], back: true },
  'wrist-extensors': { proximal: [22, 38], distal: [20, 46], back: true },
  'wrist-flexors': { proximal: [22, 38], distal: [20, 46] },
  'lumbar-paraspinals': { proximal: [46, 36], distal: [46, 44], back: true },
};

function mirror([x, y]: [number, number], side: 'left' | 'right'): [number, number] {
  return side === 'right' ? [x, y] : [100 - x, y];
}

export function ElectrodePlacement({
  muscle,
  muscleLabel,
  side,
  electrodes,
}: {
  muscle: string;
  muscleLabel: string;
  side: 'left' | 'right';
  electrodes: Electrode[];
}) {
  const pads = PADS[muscle];
  return (
    <figure className="placement">
      <div className="placement-picture">
        <BodyOutline>
          {pads &&
            (['proximal', 'distal'] as const).map((position) => {
              const [x, y] = mirror(pads[position], side);
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
                    x={x + (side === 'left' ? 4 : -4)}
                    y={y + 1}
                    fontSize="3.2"
                    textAnchor={side === 'left' ? 'start' : 'end'}
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
          {muscleLabel}, {side} side{pads?.back ? ' (back of the body)' : ''}
        </strong>
        <ol>
          {electrodes.map((e) => (
            <li key={`${e.position}-${e.site}`}>
              <span className={`pad ${e.position}`} aria-hidden="true" />{' '}
              {e.position === 'proximal' ? 'Upper' : 'Lower'} pad ({e.sizeCm2} cm²): {e.landmark}.
            </li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}
