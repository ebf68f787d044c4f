/** A square matrix as an echarts heatmap, loaded client-side only; the numbers also in a table. */
import { useEffect, useRef, useState } from "react";

export function Heatmap({
  labels,
  cells,
  title,
  format,
  testId,
}: {
  labels: string[];
  cells: [number, number, number][];
  title: string;
  format: (n: number) => string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const height = Math.max(220, labels.length * 44 + 80);
  useEffect(() => {
    let disposed = false;
    let cleanup: (() => void) | undefined;
    import("~/components/charts/heatmap.client").then(({ renderHeatmap }) => {
      if (disposed || !ref.current) return;
      cleanup = renderHeatmap(ref.current, { labels, cells, format });
      setReady(true);
    });
    return () => {
      disposed = true;
      cleanup?.();
    };
  }, [labels, cells, format]);
  return (
    <div className="chart-wrap" style={{ height }} data-testid={testId} data-ready={ready ? "1" : "0"}>
      <div ref={ref} className="chart" role="img" aria-label={title} />
    </div>
  );
}
