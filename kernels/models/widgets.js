// Entry point (config.extra_javascript): fills every ```model placeholder with its widget.
//
// Runs on first load, after each mkdocs-material instant navigation (document$) and in
// the deck, which has no document$. TF.js and the model are fetched only once a widget
// comes near the viewport, so a chapter (or a deck) with widgets further on stays light;
// the status line then follows the download (megabytes for a photo model) and the timing.
import { el, keepKeys, renderRuntime } from "./dom.js";

const VIEWS = {
  colour: () => import("./colour-widget.js"),
  image: () => import("./image-widget.js"),
  photo: () => import("./photo-widget.js"),
};

let observer = null;

function mountAll() {
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      start(entry.target);
    }
  }, { rootMargin: "200px" });
  for (const root of document.querySelectorAll(".talkbook-model:not([data-state])")) {
    root.dataset.state = "waiting";
    observer.observe(root);
  }
}

async function start(root) {
  const name = root.dataset.model;
  root.dataset.state = "loading";
  const status = root.querySelector(".talkbook-model__status") ?? el("p", "talkbook-model__status");
  status.textContent = `Loading the model “${name}” and timing it on this device…`;
  root.replaceChildren(status);
  try {
    const view = VIEWS[root.dataset.widget];
    if (!view) throw new Error(`unknown widget "${root.dataset.widget}"`);
    const [{ loadModel }, { mount }, { renderCard }] = await Promise.all([import("./runtime.js"), view(), import("./card.js")]);
    const model = await loadModel(name, { backend: root.dataset.backend, onProgress: (step) => showProgress(status, name, step) });
    const area = el("div", "talkbook-model__area");
    const runtime = el("p", "talkbook-model__runtime");
    root.replaceChildren(area, runtime);
    keepKeys(root);
    renderRuntime(runtime, model);
    model.events.addEventListener("backendchange", ({ detail }) => {
      renderRuntime(runtime, model);
      runtime.before(backendNotice(detail));
    });
    await mount(area, model, { top: Number(root.dataset.top) || undefined, onPrediction: () => renderRuntime(runtime, model) });
    if (root.dataset.card !== "no") {
      await renderCard(root, model.card).catch((error) => {
        root.append(el("p", "talkbook-model__error", `The model card could not be shown: ${error.message}`));
      });
    }
    root.dataset.state = "ready";
  } catch (error) {
    showError(root, name, error);
  }
}

function showProgress(status, name, { stage, loaded, total }) {
  if (stage === "measure") {
    status.textContent = `Starting the model “${name}”: finding the fastest way to run it on this device…`;
    return;
  }
  const bar = status.querySelector("progress") ?? el("progress");
  bar.max = total;
  bar.value = loaded;
  status.dataset.loaded = String(loaded);
  status.dataset.total = String(total);
  status.replaceChildren(`Downloading the model “${name}”… ${size(loaded, total)} `, bar);
}

/** "3.1 of 9.4 MB" (or kB for a small model), in the unit of the total. */
function size(loaded, total) {
  const [unit, scale, digits] = total >= 1e6 ? ["MB", 1e6, 1] : ["kB", 1e3, 0];
  return `${(loaded / scale).toFixed(digits)} of ${(total / scale).toFixed(digits)} ${unit}`;
}

function backendNotice({ from, to, reason }) {
  const notice = el("p", "talkbook-model__notice", `The model left ${from}: ${reason}. It now runs on ${to}.`);
  notice.setAttribute("role", "status");
  notice.dataset.backend = to;
  return notice;
}

function showError(root, name, error) {
  console.error(`talkbook: the widget of model "${name}" failed:`, error);
  const message = el("p", "talkbook-model__error", `The model “${name}” could not be loaded: ${error?.message ?? error}`);
  message.setAttribute("role", "alert");
  root.replaceChildren(message);
  root.dataset.state = "error";
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(mountAll);
else mountAll();
