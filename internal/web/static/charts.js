// planwatch charts: draws every element with a data-chart attribute using
// ECharts (vendored, loaded before this file). The figures are also in
// tables on the page, so without ECharts nothing is lost.
(function () {
  "use strict";

  // The badges' colours in app.css. Every line, bar and mark stands out
  // from the white ground at 3:1 or better (WCAG 2.1, 1.4.11).
  var statusColors = {
    not_started: "#626f7e", in_progress: "#246dbf", behind: "#a35a00", overdue: "#c0283d",
    extended: "#8e44ad", paused: "#795548", cancelled: "#455a64", done: "#5b4fc4"
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
        // right: room for the last period's label, drawn centred on the edge.
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        legend: { top: 0, type: "scroll", data: d.labels },
        tooltip: { trigger: "axis", valueFormatter: function (v) { return num(v) + d.unit; } },
        xAxis: { type: "category", data: d.periods, boundaryGap: false },
        yAxis: { type: "value", scale: true, name: d.unit, axisLabel: { formatter: num } },
        series: [
          { name: d.labels[0], type: "line", data: d.actual, connectNulls: true, symbolSize: 7, color: "#2f7ed8" },
          { name: d.labels[1], type: "line", data: d.projection, connectNulls: true, lineStyle: { type: "dashed" }, color: "#7a8794" },
          { name: d.labels[2], type: "scatter", data: d.target, symbol: "diamond", symbolSize: 14, color: "#d6334a" }
        ]
      };
    },
    compare: function (d) {
      return {
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        legend: { top: 0, type: "scroll", data: d.labels },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return num(v) + d.unit; } },
        xAxis: { type: "category", data: d.regions, axisLabel: { interval: 0, rotate: d.regions.length > 6 ? 40 : 0 } },
        yAxis: { type: "value", name: d.unit, axisLabel: { formatter: num } },
        series: [
          { name: d.labels[0], type: "bar", data: d.latest, color: "#2f7ed8", barMaxWidth: 28 },
          { name: d.labels[1], type: "bar", data: d.target, color: "#d66a7c", barMaxWidth: 28 }
        ]
      };
    },
    project: function (d) {
      return {
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        legend: { top: 0, type: "scroll", data: d.labels },
        tooltip: { trigger: "axis", valueFormatter: function (v) { return num(v) + d.unit; } },
        xAxis: { type: "category", data: d.months },
        yAxis: { type: "value", name: d.unit, axisLabel: { formatter: num } },
        series: [
          { name: d.labels[0], type: "line", data: d.planned, lineStyle: { type: "dashed" }, color: "#7a8794" },
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
          lineStyle: { color: "#6f879c", curveness: 0.12, opacity: 0.9 },
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

  // Each chart's figures in words, for its aria-label: a screen reader
  // hears what the eye sees, in the page's language (the labels come
  // translated from the server).
  var describers = {
    status: function (d) {
      return d.map(function (b) { return b.label + " " + b.count; }).join(", ");
    },
    indicator: function (d) {
      return [d.actual, d.projection, d.target].map(function (vals, i) {
        var pts = [];
        (vals || []).forEach(function (v, j) {
          if (v !== null && v !== undefined) { pts.push(d.periods[j] + " " + num(v) + d.unit); }
        });
        return pts.length ? d.labels[i] + ": " + pts.join(", ") : "";
      }).filter(Boolean).join("; ");
    },
    compare: function (d) {
      return d.regions.map(function (r, j) {
        return r + ": " + [d.latest, d.target].map(function (vals, i) {
          var v = vals[j];
          return d.labels[i] + " " + (v === null || v === undefined ? "—" : num(v) + d.unit);
        }).join(", ");
      }).join("; ");
    },
    project: function (d) {
      return [d.planned, d.done].map(function (vals, i) {
        var pts = [];
        (vals || []).forEach(function (v, j) {
          if (v !== null && v !== undefined) { pts.push(d.months[j] + " " + num(v) + d.unit); }
        });
        return pts.length ? d.labels[i] + ": " + pts.join(", ") : "";
      }).filter(Boolean).join("; ");
    },
    network: function (d) {
      var names = {};
      d.nodes.forEach(function (n) { names[n.code] = n.name; });
      return d.edges.slice(0, 40).map(function (e) {
        return (names[e.from] || e.from) + " → " + (names[e.to] || e.to) + " " + e.count;
      }).join(", ");
    }
  };

  // points is how many data items a chart's keyboard cursor walks.
  function points(kind, d) {
    switch (kind) {
    case "status": return d.length;
    case "indicator": return d.periods.length;
    case "compare": return d.regions.length;
    case "project": return d.months.length;
    case "network": return d.nodes.length;
    }
    return 0;
  }

  // heading is the text of the heading a chart stands under.
  function heading(el) {
    for (var n = el.previousElementSibling; n; n = n.previousElementSibling) {
      if (/^H[1-6]$/.test(n.tagName)) { return n.textContent.trim(); }
    }
    var h = el.parentElement && el.parentElement.querySelector("h1, h2, h3, h4");
    return h ? h.textContent.trim() : "";
  }

  // accessible makes a drawn chart an image with its figures as its name,
  // and a tab stop whose arrow keys (Home, End) move the tooltip from one
  // data item to the next, so the figures are not for mice alone.
  function accessible(el, chart, kind, d) {
    // A chart type without a describer still gets its heading as its name.
    var title = heading(el), text = describers[kind] ? describers[kind](d) : "";
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", title && text ? title + ": " + text : title || text);
    el.setAttribute("tabindex", "0");
    var n = points(kind, d), at = -1;
    el.addEventListener("keydown", function (ev) {
      if (n === 0) { return; }
      switch (ev.key) {
      case "ArrowRight": case "ArrowDown": at = (at + 1) % n; break;
      case "ArrowLeft": case "ArrowUp": at = (at - 1 + n) % n; break;
      case "Home": at = 0; break;
      case "End": at = n - 1; break;
      default: return;
      }
      ev.preventDefault();
      chart.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: at });
    });
    el.addEventListener("blur", function () { chart.dispatchAction({ type: "hideTip" }); });
  }

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
      accessible(el, chart, el.getAttribute("data-chart"), data);
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
