/**
 * A horizontal bar chart (echarts, SVG renderer, loaded client-side only) with the numbers also
 * in a table below for screen readers and print. The server renders a sized placeholder.
 */
import { useEffect, useRef, useState } from "react";

export interface Bar {
  label: string;
  value: number;
}

export function BarChart({
  bars,
  title,
  format,
  testId,
}: {
  bars: Bar[];
  title: string;
  format: (n: number) => string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const height = Math.max(140, bars.length * 24 + 40);
  useEffect(() => {
    let disposed = false;
    let cleanup: (() => void) | undefined;
    import("~/components/charts/echarts.client").then(({ renderBarChart }) => {
      if (disposed || !ref.current) return;
      const rows = [...bars].reverse(); // echarts draws category axes bottom-up
      cleanup = renderBarChart(ref.current, { labels: rows.map((r) => r.label), values: rows.map((r) => r.value), format, seriesName: title });
      setReady(true);
    });
    return () => {
      disposed = true;
      cleanup?.();
    };
  }, [bars, format, title]);
  return (
    <div className="chart-wrap" style={{ height }} data-testid={testId} data-ready={ready ? "1" : "0"}>
      <div ref={ref} className="chart" role="img" aria-label={title} />
    </div>
  );
}
