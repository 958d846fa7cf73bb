// Small DOM helpers for the widgets. Labels come from model files, which are untrusted:
// everything here writes text with textContent, never as HTML.

export function el(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

export function percent(value) {
  return `${(value * 100).toFixed(1)} %`;
}

export function ms(value) {
  if (!Number.isFinite(value)) return "n/a";
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(0)} ms`;
}

/** Horizontal confidence bars, best first: one row per {label, confidence}. */
export function renderBars(list, predictions) {
  list.replaceChildren(...predictions.map(({ label, confidence }) => {
    const row = el("li", "talkbook-model__bar");
    const bar = el("span", "talkbook-model__bar-fill");
    bar.style.width = `${Math.max(0, Math.min(1, confidence)) * 100}%`;
    const track = el("span", "talkbook-model__bar-track");
    track.append(bar);
    const name = el("span", "talkbook-model__bar-label", String(label));
    name.title = String(label);  // a long label is cut short by CSS: the whole of it on hover
    row.append(name, track, el("span", "talkbook-model__bar-value", percent(confidence)));
    row.dataset.confidence = String(confidence);
    return row;
  }));
}

/** The backend line: which backend runs the model, why, and how fast. */
export function renderRuntime(line, model) {
  const why = {
    measured: "fastest when measured on this device",
    cache: "fastest when last measured on this device",
    url: "asked for in the page address",
    option: "set for this widget",
    fallback: "its GPU backend stopped working",
  }[model.source] ?? model.source;
  const timings = Object.entries(model.measurements ?? {})
    .map(([name, value]) => `${name} ${Number.isFinite(value) ? ms(value) : "unavailable"}`)
    .join(" · ");
  const skipped = Object.entries(model.skipped ?? {}).map(([name, reason]) => `${name} skipped: ${reason}`);
  const last = model.lastLatency === null ? "" : `; last prediction ${ms(model.lastLatency)}`;
  line.dataset.backend = model.backend;
  line.dataset.latency = String(model.latency);
  line.textContent = `Runs on ${model.backend} (${why}): ${ms(model.latency)} per prediction${last}. `
    + `Measured: ${[timings, ...skipped].filter(Boolean).join(" · ")}.`;
  if (model.note) line.textContent += ` Note: ${model.note}.`;
}

/** Keys typed in a widget are for the widget, not for the deck around it. */
export function keepKeys(root) {
  root.addEventListener("keydown", (event) => event.stopPropagation());
}

/** Runs `task` for the latest request only: a burst of inputs gives one prediction per turn. */
export function latestOnly(task) {
  let running = false;
  let pending = null;
  return async function schedule(...args) {
    pending = args;
    if (running) return;
    running = true;
    try {
      while (pending) {
        const next = pending;
        pending = null;
        await task(...next);
      }
    } finally {
      running = false;
    }
  };
}
