import {
  type ComponentType,
  lazy,
  type ReactNode,
  Suspense,
  startTransition,
  useEffect,
  useRef,
  useState,
} from 'react';
import { t } from './i18n/i18n.ts';

/**
 * The heavy parts of the pages, loaded and drawn only when they come near the screen rather than
 * with the app: the charts (Recharts), the strength–duration tests (with their chart), the
 * programme designer and the clinician's sessions (their log form brings the form library and the
 * outbox, which the summary above must not wait for). Each takes the same props as the
 * component it stands for and holds its place at its height until drawn, so nothing below it jumps.
 */
/** How far below the screen a part starts loading, so it is usually drawn before it is scrolled to. */
const AHEAD_PX = 400;

/** Renders `children` once the place it holds comes within AHEAD_PX of the screen, and from then on. */
export function WhenNearScreen({ heightPx, children }: { heightPx: number; children: ReactNode }) {
  const place = useRef<HTMLParagraphElement>(null);
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = place.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        // A transition, like an answer arriving (hooks.ts): the part is drawn in slices.
        if (entries.some((entry) => entry.isIntersecting)) startTransition(() => setNear(true));
      },
      { rootMargin: `${AHEAD_PX}px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  const placeholder = (
    <p ref={place} className="loading" style={{ minHeight: heightPx }}>
      {t('app.loadingPage')}
    </p>
  );
  if (!near) return placeholder;
  return <Suspense fallback={placeholder}>{children}</Suspense>;
}

/**
 * A component that stands for `load`'s: it takes the same props, holds its place at `heightPx` (a
 * height, or one read from the props) and loads the real one only when that place comes near the screen.
 */
function nearScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  heightPx: number | ((props: P) => number),
): (props: P) => ReactNode {
  const Later = lazy(async () => ({ default: await load() }));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per part at module load, never while rendering.
  return function NearScreen(props: P) {
    return (
      <WhenNearScreen heightPx={typeof heightPx === 'number' ? heightPx : heightPx(props)}>
        <Later {...props} />
      </WhenNearScreen>
    );
  };
}

export const TrajectoryChart = nearScreen(
  async () => (await import('./components/trajectory-chart.tsx')).TrajectoryChart,
  (props) => (props.compact ? 290 : 370),
);

export const ComfortPainTrend = nearScreen(
  async () => (await import('./components/comfort-pain-trend.tsx')).ComfortPainTrend,
  260,
);

export const ProgrammeDesigner = nearScreen(
  async () => (await import('./components/programme-designer.tsx')).ProgrammeDesigner,
  200,
);

export const SdTests = nearScreen(async () => (await import('./components/sd-test.tsx')).SdTests, 200);

/** The force-recording import draws its recording with Recharts, so it loads as the charts do. */
export const ForceRecordings = nearScreen(
  async () => (await import('./components/force-recording.tsx')).ForceRecordings,
  200,
);

export const Sessions = nearScreen(
  async () => (await import('./components/session-records.tsx')).Sessions,
  300,
);
