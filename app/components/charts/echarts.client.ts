/** Tree-shaken echarts (bar chart, SVG renderer: crisp in print and screenshots). */
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export interface BarChartInput {
  labels: string[];
  values: number[];
  format: (n: number) => string;
  seriesName: string;
}

/** Draws into `el` and returns a cleanup that disposes the chart and its resize listener. */
export function renderBarChart(el: HTMLElement, input: BarChartInput): () => void {
  const chart = echarts.init(el, undefined, { renderer: "svg" });
  const narrow = el.clientWidth < 420;
  chart.setOption({
    animation: false,
    grid: { left: 4, right: narrow ? 40 : 64, top: 8, bottom: narrow ? 0 : 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" ? input.format(v) : String(v)),
    },
    // On phones every bar carries its value label, so the value axis only costs width.
    xAxis: { type: "value", show: !narrow, axisLabel: { formatter: (v: number) => input.format(v), hideOverlap: true } },
    yAxis: {
      type: "category",
      data: input.labels,
      axisTick: { show: false },
      axisLabel: { width: narrow ? 90 : 140, overflow: "truncate", fontSize: narrow ? 11 : 12 },
    },
    series: [
      {
        name: input.seriesName,
        type: "bar",
        data: input.values,
        barMaxWidth: 18,
        itemStyle: { color: "#198754", borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: "right", fontSize: 11, formatter: (p: { value: unknown }) => input.format(Number(p.value)) },
      },
    ],
  });
  const onResize = () => chart.resize();
  window.addEventListener("resize", onResize);
  return () => {
    window.removeEventListener("resize", onResize);
    chart.dispose();
  };
}
