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
  renderOrigin(details, card);
  container.append(details);
  const history = card.history ?? {};
  if (!history.loss?.length) {
    const why = card.provenance ? "its weights were made elsewhere and converted" : "this model was imported";
    details.append(el("p", "talkbook-model__no-history", `No training history: ${why}, not trained here.`));
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

// Weights made elsewhere: where they come from, under which licence, and how the conversion
// was checked against the original (the recipe's PROVENANCE and reference(); see docs/models.md).
function renderOrigin(details, card) {
  const weights = card.provenance?.weights;
  if (weights) {
    const source = `Weights: ${weights.package} ${weights.version}, ${weights.license}` +
      (weights.author ? `, by ${weights.author}` : "") + ".";
    details.append(el("p", "talkbook-model__provenance", source));
  }
  if (card.provenance?.labels) details.append(el("p", "talkbook-model__provenance", `Labels: ${card.provenance.labels}.`));
  const reference = card.reference;
  const shipped = reference?.options?.[reference.shipped];
  if (shipped) {
    const check = el("p", "talkbook-model__reference",
      `Checked against ${reference.checked_against.replace(/\.$/, "")}: the same best answer on ` +
      `${percent(shipped.top1_agreement)} of ${reference.images} photos, with ${reference.shipped} weights ` +
      `(${(shipped.weight_bytes / 1e6).toFixed(1)} MB).`);
    check.dataset.agreement = String(shipped.top1_agreement);
    details.append(check);
  }
}
