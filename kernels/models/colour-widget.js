// Colour widget: pick a colour, see the name the model gives it with confidence bars.
import { el, latestOnly, renderBars } from "./dom.js";

const START = "#e8742a";

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
}

export async function mount(area, model, { top = 5, onPrediction = () => {} } = {}) {
  const picker = el("input", "talkbook-model__picker");
  picker.type = "color";
  picker.value = START;
  picker.setAttribute("aria-label", "Colour to name");
  const pick = el("label", "talkbook-model__pick");
  pick.append(el("span", "", "Pick a colour"), picker);
  const answer = el("p", "talkbook-model__answer");
  answer.setAttribute("aria-live", "polite");
  const bars = el("ol", "talkbook-model__bars");
  const output = el("div", "talkbook-model__output");
  output.append(answer, bars);
  area.append(pick, output);

  const update = latestOnly(async (hex) => {
    const predictions = await model.classify(rgb(hex), top);
    answer.replaceChildren(el("span", "", "The model says "), el("strong", "talkbook-model__label", String(predictions[0].label)));
    answer.dataset.label = String(predictions[0].label);
    answer.dataset.colour = hex;
    renderBars(bars, predictions);
    onPrediction(predictions);
  });
  picker.addEventListener("input", () => update(picker.value));
  await update(picker.value);
}
