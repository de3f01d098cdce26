// planwatch charts: draws every element with a data-chart attribute using
// ECharts (vendored, loaded before this file). The figures are also in
// tables on the page, so without ECharts nothing is lost.
(function () {
  "use strict";

  var statusColors = {
    not_started: "#9aa5b1", in_progress: "#2f7ed8", behind: "#e8890c", overdue: "#d6334a",
    extended: "#8e44ad", paused: "#795548", cancelled: "#607d8b", done: "#5b4fc4"
  };

  // Figures come scaled by the server (amount.Scale: 1200 in 亿元, not
  // 120000000000 in 元), so they are only rounded here.
  function num(v) {
    if (v === null || v === undefined) { return ""; }
    return String(Math.round(v * 100) / 100);
  }

  var builders = {
    status: function (d) {
      return {
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", inverse: true, data: d.map(function (b) { return b.label; }) },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        series: [{
          type: "bar", barMaxWidth: 22, label: { show: true, position: "right" },
          data: d.map(function (b) { return { value: b.count, itemStyle: { color: statusColors[b.code] || "#888" } }; })
        }]
      };
    },
    indicator: function (d) {
      return {
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        legend: { top: 0, data: d.labels },
        tooltip: { trigger: "axis", valueFormatter: function (v) { return num(v) + d.unit; } },
        xAxis: { type: "category", data: d.periods, boundaryGap: false },
        yAxis: { type: "value", scale: true, name: d.unit, axisLabel: { formatter: num } },
        series: [
          { name: d.labels[0], type: "line", data: d.actual, connectNulls: true, symbolSize: 7, color: "#2f7ed8" },
          { name: d.labels[1], type: "line", data: d.projection, connectNulls: true, lineStyle: { type: "dashed" }, color: "#9aa5b1" },
          { name: d.labels[2], type: "scatter", data: d.target, symbol: "diamond", symbolSize: 14, color: "#d6334a" }
        ]
      };
    },
    compare: function (d) {
      return {
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        legend: { top: 0, data: d.labels },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return num(v) + d.unit; } },
        xAxis: { type: "category", data: d.regions, axisLabel: { interval: 0, rotate: d.regions.length > 6 ? 40 : 0 } },
        yAxis: { type: "value", name: d.unit, axisLabel: { formatter: num } },
        series: [
          { name: d.labels[0], type: "bar", data: d.latest, color: "#2f7ed8", barMaxWidth: 28 },
          { name: d.labels[1], type: "bar", data: d.target, color: "#f0b3bc", barMaxWidth: 28 }
        ]
      };
    },
    project: function (d) {
      return {
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        legend: { top: 0, data: d.labels },
        tooltip: { trigger: "axis", valueFormatter: function (v) { return num(v) + d.unit; } },
        xAxis: { type: "category", data: d.months },
        yAxis: { type: "value", name: d.unit, axisLabel: { formatter: num } },
        series: [
          { name: d.labels[0], type: "line", data: d.planned, lineStyle: { type: "dashed" }, color: "#9aa5b1" },
          { name: d.labels[1], type: "bar", data: d.done, color: "#2f7ed8", barMaxWidth: 24 }
        ]
      };
    },
    network: function (d) {
      var max = 1;
      d.nodes.forEach(function (n) { max = Math.max(max, n.count); });
      return {
        tooltip: {},
        series: [{
          type: "graph", layout: "force", roam: true, draggable: true,
          force: { repulsion: 220, edgeLength: 90 },
          label: { show: true, position: "right" },
          edgeSymbol: ["none", "arrow"], edgeSymbolSize: 7,
          lineStyle: { color: "#8da2b5", curveness: 0.12, opacity: 0.8 },
          data: d.nodes.map(function (n) {
            return { id: n.code, name: n.name, value: n.count, symbolSize: 10 + 26 * n.count / max, itemStyle: { color: "#2f7ed8" } };
          }),
          links: d.edges.map(function (e) {
            return { source: e.from, target: e.to, value: e.count, lineStyle: { width: 1 + Math.min(e.count, 6) } };
          })
        }]
      };
    }
  };

  function draw() {
    if (!window.echarts) { return; }
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var build = builders[el.getAttribute("data-chart")];
      if (!build) { return; }
      var data;
      try { data = JSON.parse(el.getAttribute("data-series")); } catch (e) { return; }
      el.classList.add("chart-on");
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      var option = build(data);
      // Drawn at once: office PCs are slow, and a printed or captured page
      // must not show bars half grown.
      option.animation = false;
      chart.setOption(option);
      el.setAttribute("data-rendered", "true");
      charts.push(chart);
    });
    document.documentElement.classList.add("charts-on");
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
