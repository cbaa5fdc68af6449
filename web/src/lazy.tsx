import { type ComponentProps, lazy, Suspense } from 'react';
import type { ComfortPainTrend as ComfortPainTrendNow } from './components/comfort-pain-trend.tsx';
import type { ProgrammeDesigner as ProgrammeDesignerNow } from './components/programme-designer.tsx';
import type { TrajectoryChart as TrajectoryChartNow } from './components/trajectory-chart.tsx';

/**
 * The heavy parts of the pages, loaded when first drawn rather than with the app: the charts
 * (Recharts) and the programme designer. Each takes the same props as the component it stands for
 * and holds its place at the chart's height while it loads, so nothing below it jumps.
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

function Loading({ what, heightPx }: { what: string; heightPx: number }) {
  return (
    <p className="loading" style={{ minHeight: heightPx }}>
      Loading the {what}…
    </p>
  );
}

export function TrajectoryChart(props: ComponentProps<typeof TrajectoryChartNow>) {
  return (
    <Suspense fallback={<Loading what="chart" heightPx={props.compact ? 290 : 370} />}>
      <TrajectoryChartLater {...props} />
    </Suspense>
  );
}

export function ComfortPainTrend(props: ComponentProps<typeof ComfortPainTrendNow>) {
  return (
    <Suspense fallback={<Loading what="chart" heightPx={260} />}>
      <ComfortPainTrendLater {...props} />
    </Suspense>
  );
}

export function ProgrammeDesigner(props: ComponentProps<typeof ProgrammeDesignerNow>) {
  return (
    <Suspense fallback={<Loading what="programme designer" heightPx={200} />}>
      <ProgrammeDesignerLater {...props} />
    </Suspense>
  );
}
