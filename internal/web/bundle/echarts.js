// The ECharts the pages load: only the chart types and components that
// internal/web/static/charts.js draws, from ECharts' modular entry points.
// scripts/assets.sh bundles this file with esbuild (from npm, with the
// lockfile) into internal/web/static/vendor/echarts.js, which is generated
// and never committed. A chart type or option that charts.js starts to
// use must be added here, or the chart will not draw.
import * as echarts from "echarts/core";
import { BarChart, GraphChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, ScatterChart, GraphChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

// charts.js finds the library where the full build would have put it.
window.echarts = echarts;
