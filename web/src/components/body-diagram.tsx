import type { BodySite, Side } from '@core/clinic/coding/icd10cm-table.ts';
import type { ReactNode } from 'react';

/**
 * A front-view body outline with a button over each coded body site and side. The person faces the
 * viewer, so their left is on the viewer's right (labelled on every button).
 */
interface Spot {
  site: BodySite;
  side: Side;
  x: number;
  y: number;
}

const SPOTS: Spot[] = [
  { site: 'shoulder', side: 'right', x: 30, y: 21 },
  { site: 'shoulder', side: 'left', x: 70, y: 21 },
  { site: 'upper-arm', side: 'right', x: 25, y: 31 },
  { site: 'upper-arm', side: 'left', x: 75, y: 31 },
  { site: 'forearm', side: 'right', x: 20, y: 42 },
  { site: 'forearm', side: 'left', x: 80, y: 42 },
  { site: 'hand', side: 'right', x: 16, y: 52 },
  { site: 'hand', side: 'left', x: 84, y: 52 },
  { site: 'back-lumbosacral', side: 'unspecified', x: 50, y: 42 },
  { site: 'thigh', side: 'right', x: 42, y: 60 },
  { site: 'thigh', side: 'left', x: 58, y: 60 },
  { site: 'lower-leg', side: 'right', x: 42, y: 78 },
  { site: 'lower-leg', side: 'left', x: 58, y: 78 },
  { site: 'ankle-foot', side: 'right', x: 41, y: 93 },
  { site: 'ankle-foot', side: 'left', x: 59, y: 93 },
];

export function BodyOutline({ children }: { children?: ReactNode }) {
  return (
    <svg
      viewBox="0 0 100 100"
      className="body-outline"
      aria-hidden="true"
      preserveAspectRatio="xMidYMid meet"
    >
      <g fill="#e6efe9" stroke="#6b8f7e" strokeWidth="0.6">
        <circle cx="50" cy="8" r="6" />
        <rect x="37" y="15" width="26" height="32" rx="6" />
        <rect x="26" y="17" width="9" height="20" rx="4" transform="rotate(12 30 17)" />
        <rect x="65" y="17" width="9" height="20" rx="4" transform="rotate(-12 70 17)" />
        <rect x="18" y="35" width="7" height="16" rx="3" transform="rotate(12 21 35)" />
        <rect x="75" y="35" width="7" height="16" rx="3" transform="rotate(-12 79 35)" />
        <rect x="38" y="46" width="11" height="24" rx="5" />
        <rect x="51" y="46" width="11" height="24" rx="5" />
        <rect x="38.5" y="70" width="9" height="20" rx="4" />
        <rect x="52.5" y="70" width="9" height="20" rx="4" />
        <ellipse cx="41" cy="93" rx="5" ry="2.5" />
        <ellipse cx="59" cy="93" rx="5" ry="2.5" />
      </g>
      {children}
    </svg>
  );
}

export function BodyDiagram({
  site,
  side,
  onPick,
}: {
  /** The chosen site and side; none is pressed before the clinician picks one. */
  site: BodySite | '';
  side: Side | '';
  onPick: (site: BodySite, side: Side) => void;
}) {
  return (
    <fieldset className="body-diagram">
      <legend>Body site (front view: the patient's left is on your right)</legend>
      <div className="diagram-box">
        <BodyOutline />
        {SPOTS.map((s) => {
          const chosen = s.site === site && (s.side === side || s.side === 'unspecified');
          const name = `${s.side === 'unspecified' ? '' : `${s.side} `}${s.site.replace(/-/g, ' ')}`;
          return (
            <button
              key={`${s.site}-${s.side}`}
              type="button"
              className={`spot${chosen ? ' chosen' : ''}`}
              style={{ left: `${s.x}%`, top: `${s.y}%` }}
              aria-pressed={chosen}
              aria-label={name}
              title={name}
              onClick={() => onPick(s.site, s.side)}
            >
              <span aria-hidden="true">{s.side === 'left' ? 'L' : s.side === 'right' ? 'R' : '•'}</span>
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
