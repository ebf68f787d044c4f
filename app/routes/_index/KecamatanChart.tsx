/**
 * Households per kecamatan as a horizontal bar chart. echarts needs `window`, so it is imported
 * inside useEffect (client only, its own chunk); the server renders a sized placeholder.
 */
import { useEffect, useRef, useState } from "react";
import { formatNumber, home } from "~/i18n";

export interface KecamatanBar {
  code: string;
  name: string;
  households: number;
}

const BAR_PX = 22;

export function KecamatanChart({ data }: { data: KecamatanBar[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const height = Math.max(160, data.length * BAR_PX + 40);

  useEffect(() => {
    let disposed = false;
    let cleanup: (() => void) | undefined;
    import("~/components/charts/echarts.client").then(({ renderBarChart }) => {
      if (disposed || !ref.current) return;
      // Largest at the top: echarts draws category axes bottom-up.
      const rows = [...data].sort((a, b) => a.households - b.households);
      cleanup = renderBarChart(ref.current, {
        labels: rows.map((r) => r.name),
        values: rows.map((r) => r.households),
        format: formatNumber,
        seriesName: home.tableHouseholds,
      });
      setReady(true);
    });
    return () => {
      disposed = true;
      cleanup?.();
    };
  }, [data]);

  // echarts owns the inner div's children; React never renders into it.
  return (
    <div className="chart-wrap" style={{ height }} data-testid="kecamatan-chart" data-ready={ready ? "1" : "0"}>
      <div ref={ref} className="chart" role="img" aria-label={home.chartTitle} />
      {ready ? null : <p className="chart-fallback">{home.chartFallback}</p>}
    </div>
  );
}
