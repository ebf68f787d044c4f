/** Desil distribution bar chart (echarts, tree-shaken, SVG renderer: crisp in print). */
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { desilColours, unknownDesilColour } from "./colours";

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export interface DesilChartProps {
  data: { desil: number | null; households: number }[];
  unknownLabel: string;
  seriesName: string;
}

export default function DesilChart({ data, unknownLabel, seriesName }: DesilChartProps) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const byDesil = new Map(data.map((d) => [d.desil, d.households]));
    const labels = [...Array.from({ length: 10 }, (_, i) => String(i + 1)), unknownLabel];
    const values = [...Array.from({ length: 10 }, (_, i) => byDesil.get(i + 1) ?? 0), byDesil.get(null) ?? 0];
    const chart = echarts.init(el.current, undefined, { renderer: "svg" });
    chart.setOption({
      animation: false,
      grid: { left: 4, right: 8, top: 16, bottom: 4, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "category", data: labels, axisLabel: { fontSize: 10, interval: 0, formatter: (v: string) => (v.length > 3 ? "?" : v) } },
      yAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 10 } },
      series: [
        {
          name: seriesName,
          type: "bar",
          data: values.map((v, i) => ({ value: v, itemStyle: { color: i < 10 ? desilColours[i] : unknownDesilColour } })),
          barMaxWidth: 18,
          label: { show: true, position: "top", fontSize: 9 },
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [data, unknownLabel, seriesName]);
  return <div ref={el} className="peta-chart" role="img" aria-label={seriesName} data-testid="desil-chart" />;
}
