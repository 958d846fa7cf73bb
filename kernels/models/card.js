// The model card in a widget: what the model is, its held-out accuracy and its loss curve.
import settings from "./settings.js";
import { el, percent } from "./dom.js";

let uplotLoading = null;

function loadUplot() {
  if (!uplotLoading) {
    if (!document.querySelector(`link[href="${settings.uplotCss}"]`)) {
      const link = el("link");
      link.rel = "stylesheet";
      link.href = settings.uplotCss;
      document.head.append(link);
    }
    uplotLoading = import(settings.uplot).then((module) => module.default);
  }
  return uplotLoading;
}

export async function renderCard(container, card) {
  const details = el("details", "talkbook-model__card");
  // Open on a page; closed on a slide, which has no room below the widget (the speaker opens it).
  details.open = !container.closest(".reveal");
  details.append(el("summary", "", `Model card: ${card.name}`));
  if (card.description) details.append(el("p", "talkbook-model__description", card.description));
  const metrics = card.metrics ?? {};
  const accuracy = el("p", "talkbook-model__accuracy");
  accuracy.textContent = Number.isFinite(metrics.accuracy)
    ? `Held-out accuracy: ${percent(metrics.accuracy)} on ${metrics.samples} examples it never trained on.`
    : "No held-out accuracy recorded.";
  accuracy.dataset.accuracy = String(metrics.accuracy ?? "");
  details.append(accuracy);
  container.append(details);
  const history = card.history ?? {};
  if (!history.loss?.length) {
    details.append(el("p", "talkbook-model__no-history", "No training history: this model was imported, not trained here."));
    return;
  }
  const plot = el("div", "talkbook-model__loss");
  plot.setAttribute("aria-label", `Loss per epoch over ${history.loss.length} epochs`);
  details.append(plot);
  const uPlot = await loadUplot();
  const epochs = history.loss.map((_, i) => i + 1);
  const series = [{ label: "epoch" }, { label: "training loss", stroke: "#3f51b5", width: 2 }];
  const data = [epochs, history.loss];
  if (history.val_loss?.length === epochs.length) {
    series.push({ label: "validation loss", stroke: "#ff7043", width: 2, dash: [6, 4] });
    data.push(history.val_loss);
  }
  const width = Math.max(260, Math.min(420, container.clientWidth || 360));
  new uPlot({ width, height: 170, series, scales: { x: { time: false } }, axes: [{ label: "epoch" }, { label: "loss" }] }, data, plot);
}
