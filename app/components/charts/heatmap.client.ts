/** Tree-shaken echarts heatmap (SVG renderer) for the program overlap matrix. */
import { HeatmapChart } from "echarts/charts";
import { GridComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export interface HeatmapInput {
  labels: string[];
  /** [column, row, value] */
  cells: [number, number, number][];
  format: (n: number) => string;
}

export function renderHeatmap(el: HTMLElement, input: HeatmapInput): () => void {
  const chart = echarts.init(el, undefined, { renderer: "svg" });
  const max = Math.max(1, ...input.cells.map((c) => c[2]));
  chart.setOption({
    animation: false,
    tooltip: { formatter: (p: { value: [number, number, number] }) => `${input.labels[p.value[1]]} × ${input.labels[p.value[0]]}: ${input.format(p.value[2])}` },
    grid: { left: 4, right: 8, top: 8, bottom: 48, containLabel: true },
    xAxis: { type: "category", data: input.labels, axisLabel: { rotate: 30, fontSize: 11 }, splitArea: { show: true } },
    yAxis: { type: "category", data: input.labels, axisLabel: { fontSize: 11 }, splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120, inRange: { color: ["#fff7bc", "#fec44f", "#d95f0e", "#993404"] }, show: false },
    series: [{ type: "heatmap", data: input.cells, label: { show: true, fontSize: 11, formatter: (p: { value: [number, number, number] }) => input.format(p.value[2]) } }],
  });
  const onResize = () => chart.resize();
  window.addEventListener("resize", onResize);
  return () => {
    window.removeEventListener("resize", onResize);
    chart.dispose();
  };
}
