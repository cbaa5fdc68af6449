import { type ComponentProps, lazy, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import type { ComfortPainTrend as ComfortPainTrendNow } from './components/comfort-pain-trend.tsx';
import type { ProgrammeDesigner as ProgrammeDesignerNow } from './components/programme-designer.tsx';
import type { SdTests as SdTestsNow } from './components/sd-test.tsx';
import type { TrajectoryChart as TrajectoryChartNow } from './components/trajectory-chart.tsx';

/**
 * The heavy parts of the pages, loaded and drawn only when they come near the screen rather than
 * with the app: the charts (Recharts), the strength–duration tests (with their chart) and the
 * programme designer. Each takes the same props as the
 * component it stands for and holds its place at its height until drawn, so nothing below it jumps.
 */
const TrajectoryChartLater = lazy(async () => ({
  default: (await import('./components/trajectory-chart.tsx')).TrajectoryChart,
}));
const ComfortPainTrendLater = lazy(async () => ({
  default: (await import('./components/comfort-pain-trend.tsx')).ComfortPainTrend,
}));
const ProgrammeDesignerLater = lazy(async () => ({
  default: (await import('./components/programme-designer.tsx')).ProgrammeDesigner,
}));

const SdTestsLater = lazy(async () => ({
  default: (await import('./components/sd-test.tsx')).SdTests,
}));

/** How far below the screen a part starts loading, so it is usually drawn before it is scrolled to. */
const AHEAD_PX = 400;

/** Renders `children` once the place it holds comes within AHEAD_PX of the screen, and from then on. */
function WhenNearScreen({
  what,
  heightPx,
  children,
}: {
  what: string;
  heightPx: number;
  children: ReactNode;
}) {
  const place = useRef<HTMLParagraphElement>(null);
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = place.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: `${AHEAD_PX}px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  const placeholder = (
    <p ref={place} className="loading" style={{ minHeight: heightPx }}>
      Loading the {what}…
    </p>
  );
  if (!near) return placeholder;
  return <Suspense fallback={placeholder}>{children}</Suspense>;
}

export function TrajectoryChart(props: ComponentProps<typeof TrajectoryChartNow>) {
  return (
    <WhenNearScreen what="chart" heightPx={props.compact ? 290 : 370}>
      <TrajectoryChartLater {...props} />
    </WhenNearScreen>
  );
}

export function ComfortPainTrend(props: ComponentProps<typeof ComfortPainTrendNow>) {
  return (
    <WhenNearScreen what="chart" heightPx={260}>
      <ComfortPainTrendLater {...props} />
    </WhenNearScreen>
  );
}

export function ProgrammeDesigner(props: ComponentProps<typeof ProgrammeDesignerNow>) {
  return (
    <WhenNearScreen what="programme designer" heightPx={200}>
      <ProgrammeDesignerLater {...props} />
    </WhenNearScreen>
  );
}

export function SdTests(props: ComponentProps<typeof SdTestsNow>) {
  return (
    <WhenNearScreen what="strength–duration tests" heightPx={200}>
      <SdTestsLater {...props} />
    </WhenNearScreen>
  );
}
