import type { ReactNode } from 'react';
import { CartesianGrid, ComposedChart, Legend, ResponsiveContainer } from 'recharts';

/**
 * The frame the clinical charts share: the full width at `heightPx`, room below for the x-axis
 * label, a dashed grid and the legend on top; `children` draw the axes, tooltip and series.
 */
export function ChartFrame({
  heightPx,
  data,
  children,
}: {
  heightPx: number;
  data?: object[];
  children: ReactNode;
}) {
  return (
    <ResponsiveContainer width="100%" height={heightPx}>
      <ComposedChart {...(data ? { data } : {})} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <Legend verticalAlign="top" />
        {children}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
