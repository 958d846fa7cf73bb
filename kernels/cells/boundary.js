// viz.boundary_chart: a grid shaded by what a model answers, with labelled points on top, drawn on
// a canvas (uPlot draws lines and points, not shaded maps). Each update() redraws the shading.
// Learner-given names (classes, axis labels) go into the page as text only.
const MARGIN = { left: 34, right: 8, top: 8, bottom: 30 };

export function boundaryChart(box, spec, colours) {
  const side = Math.max(240, Math.min(box.clientWidth || 420, 420));
  const canvas = document.createElement("canvas");
  canvas.width = side;
  canvas.height = side;
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", spec.title || "decision boundary");
  box.append(...caption(spec.title), canvas, legend(spec.classes, colours));
  const context = canvas.getContext("2d");
  let grid = null;
  let draws = 0;

  const plot = { x: MARGIN.left, y: MARGIN.top, w: side - MARGIN.left - MARGIN.right, h: side - MARGIN.top - MARGIN.bottom };
  const toX = (x) => plot.x + ((x - spec.x_range[0]) / (spec.x_range[1] - spec.x_range[0])) * plot.w;
  const toY = (y) => plot.y + plot.h - ((y - spec.y_range[0]) / (spec.y_range[1] - spec.y_range[0])) * plot.h;

  function render() {
    context.clearRect(0, 0, side, side);
    if (grid) {
      const n = spec.resolution;
      // Whole-pixel cell edges: translucent cells that overlapped by a fraction would draw grid lines.
      const xEdge = (i) => Math.round(plot.x + (i * plot.w) / n);
      const yEdge = (j) => Math.round(plot.y + plot.h - (j * plot.h) / n);
      grid.forEach((row, j) => row.forEach((index, i) => {
        context.fillStyle = `${colours[index % colours.length]}55`; // translucent: the points stay visible
        context.fillRect(xEdge(i), yEdge(j + 1), xEdge(i + 1) - xEdge(i), yEdge(j) - yEdge(j + 1));
      }));
    }
    for (const [x, y, index] of spec.points) {
      context.beginPath();
      context.arc(toX(x), toY(y), 3.5, 0, 2 * Math.PI);
      context.fillStyle = colours[index % colours.length];
      context.fill();
      context.strokeStyle = "#fff";
      context.stroke();
    }
    context.strokeStyle = "#888";
    context.strokeRect(plot.x, plot.y, plot.w, plot.h);
    context.fillStyle = "#666";
    context.font = "12px sans-serif";
    context.fillText(String(spec.x_label || ""), plot.x + plot.w / 2 - 12, side - 8);
    context.save();
    context.translate(14, plot.y + plot.h / 2 + 12);
    context.rotate(-Math.PI / 2);
    context.fillText(String(spec.y_label || ""), 0, 0);
    context.restore();
  }

  render();
  return {
    count: () => draws,
    add() {},
    update(message) {
      grid = message.grid;
      draws += 1;
      box.dataset.draws = String(draws); // tests read how often it was redrawn
      render();
    },
  };
}

function caption(title) {
  if (!title) return [];
  const element = document.createElement("figcaption");
  element.textContent = title;
  return [element];
}

function legend(classes, colours) {
  const list = document.createElement("ul");
  list.className = "talkbook-boundary__legend";
  classes.forEach((name, index) => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "talkbook-boundary__swatch";
    swatch.style.background = colours[index % colours.length];
    item.append(swatch, document.createTextNode(name));
    list.append(item);
  });
  return list;
}
