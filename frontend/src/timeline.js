// Events per day or week, stacked by event type (Apache ECharts, tree-shaken).
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { api, pageQuery } from "./common.js";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export function drawTimeline(node, data, rtl) {
  const chart = echarts.init(node, null, { renderer: "canvas" });
  chart.setOption({
    textStyle: { fontFamily: "Noto Sans Arabic, sans-serif" },
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 48, right: 24, top: 48, bottom: 64 },
    xAxis: { type: "category", data: data.buckets, inverse: rtl },
    yAxis: { type: "value", minInterval: 1, position: rtl ? "right" : "left" },
    dataZoom: [{ type: "slider", bottom: 8 }],
    series: data.series.map((s) => ({ name: s.label, type: "bar", stack: "events", data: s.counts })),
  });
  window.addEventListener("resize", () => chart.resize());
  return chart;
}

const node = document.getElementById("timeline");
if (node) {
  const query = pageQuery();
  const data = await api(`/api/events/timeline${query ? `?${query}` : ""}`);
  drawTimeline(node, data, document.documentElement.dir === "rtl");
  document.body.dataset.ready = "timeline";
}
