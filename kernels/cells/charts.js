// Charts from viz.py, drawn with uPlot, which is fetched on the first chart only.
import settings from "./settings.js";

const COLOURS = ["#3f51b5", "#ff5722", "#009688", "#9c27b0", "#795548", "#607d8b", "#e91e63", "#8bc34a"];
let uPlotModule = null;

function loadUPlot() {
  uPlotModule ??= (async () => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = settings.uplotCss;
    document.head.append(link);
    return (await import(settings.uplot)).default;
  })();
  return uPlotModule;
}

// Draw `spec` into `box`; resolves to {add(point)} for charts that grow while code runs.
export async function drawChart(box, spec) {
  if (spec.kind === "boundary") {
    const { boundaryChart } = await import("./boundary.js");
    return boundaryChart(box, spec, COLOURS);
  }
  const uPlot = await loadUPlot();
  const size = { width: Math.max(320, Math.min(box.clientWidth || 640, 760)), height: 260 };
  const chart = spec.kind === "scatter" ? scatterChart(uPlot, box, spec, size) : lineChart(uPlot, box, spec, size);
  box.dataset.points = String(chart.count());
  return chart;
}

function axes(spec) {
  return [{ label: spec.x_label || undefined }, { label: spec.y_label || undefined }];
}

function lineChart(uPlot, box, spec, size) {
  const data = [spec.x.slice(), ...spec.ys.map((ys) => ys.slice())];
  const series = [{}, ...spec.series.map((label, i) => ({ label, stroke: COLOURS[i % COLOURS.length], width: 2 }))];
  // distr 3: uPlot's log scale (viz.line(..., log_y=True)).
  const scales = { x: { time: false }, ...(spec.y_log ? { y: { distr: 3 } } : {}) };
  const plot = new uPlot({ ...size, title: spec.title || undefined, series, axes: axes(spec), scales }, data, box);
  box.dataset.yScale = plot.scales.y.distr === 3 ? "log" : "linear";
  let frame = 0;
  return {
    count: () => data[0].length,
    // Points may arrive faster than the screen refreshes: draw at most once a frame.
    add({ x, ys }) {
      data[0].push(x);
      ys.forEach((y, i) => data[i + 1].push(y));
      box.dataset.points = String(data[0].length);
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        plot.setData(data);
      });
    },
  };
}

// uPlot shares one x axis between series: merge every group's points, sorted by x,
// with each series holding its own y where it has a point and null elsewhere.
function scatterChart(uPlot, box, spec, size) {
  const points = spec.points.flatMap((group, g) => group.map(([x, y]) => ({ x, y, g })));
  points.sort((a, b) => a.x - b.x);
  const data = [points.map((p) => p.x), ...spec.series.map((_, g) => points.map((p) => (p.g === g ? p.y : null)))];
  const series = [{}, ...spec.series.map((label, i) => ({
    label,
    stroke: COLOURS[i % COLOURS.length],
    fill: COLOURS[i % COLOURS.length],
    paths: () => null,
    points: { show: true, size: 7, fill: COLOURS[i % COLOURS.length] },
  }))];
  new uPlot({ ...size, title: spec.title || undefined, series, axes: axes(spec), scales: { x: { time: false } } }, data, box);
  return { count: () => points.length, add() {} };
}
