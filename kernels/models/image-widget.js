// Image widget: draw on a pad or upload a picture; see the model's top predictions.
import { el, latestOnly, renderBars } from "./dom.js";
import { isBlank, toInput } from "./pixels.js";

const SIZE = 224;
const STROKE = 18;

export async function mount(area, model, { top = 3, onPrediction = () => {} } = {}) {
  const pad = el("canvas", "talkbook-model__pad");
  pad.width = pad.height = SIZE;
  pad.setAttribute("aria-label", "Drawing pad: draw with the mouse, a pen or a finger");
  const context = pad.getContext("2d", { willReadFrequently: true });
  const clear = el("button", "md-button talkbook-model__clear", "Clear");
  clear.type = "button";
  const upload = el("input", "talkbook-model__upload");
  upload.type = "file";
  upload.accept = "image/*";
  const uploadLabel = el("label", "talkbook-model__upload-label");
  uploadLabel.append(el("span", "", "or upload a picture "), upload);
  const tools = el("div", "talkbook-model__tools");
  tools.append(clear, uploadLabel);
  const drawing = el("div", "talkbook-model__drawing");
  drawing.append(pad, tools);
  const answer = el("p", "talkbook-model__answer");
  answer.setAttribute("aria-live", "polite");
  const bars = el("ol", "talkbook-model__bars");
  const output = el("div", "talkbook-model__output");
  output.append(answer, bars);
  area.append(drawing, output);

  const predict = latestOnly(() => classifyPad().catch((error) => {
    answer.textContent = `The model could not read this picture: ${error.message}`;
    answer.setAttribute("role", "alert");
    delete answer.dataset.label;
  }));

  async function classifyPad() {
    answer.removeAttribute("role");
    if (isBlank(pad)) {
      answer.textContent = "Draw a digit on the pad, or upload a picture.";
      delete answer.dataset.label;
      bars.replaceChildren();
      return;
    }
    const predictions = await model.classify(toInput(pad, model.input), top);
    answer.replaceChildren(el("span", "", "The model reads "), el("strong", "talkbook-model__label", String(predictions[0].label)));
    answer.dataset.label = String(predictions[0].label);
    renderBars(bars, predictions);
    onPrediction(predictions);
  }

  const paper = () => {
    context.fillStyle = "#fff";
    context.fillRect(0, 0, SIZE, SIZE);
  };
  paper();
  drawOnPad(pad, context, predict);
  clear.addEventListener("click", () => { paper(); predict(); });
  upload.addEventListener("change", async () => {
    const [file] = upload.files;
    if (!file) return;
    let image;
    try {
      image = await createImageBitmap(file);
    } catch (error) {
      answer.textContent = `That file could not be read as a picture (${error.message}).`;
      answer.setAttribute("role", "alert");
      delete answer.dataset.label;
      return;
    }
    paper();
    const scale = Math.min(SIZE / image.width, SIZE / image.height);  // fit, keep the aspect ratio
    const w = image.width * scale, h = image.height * scale;
    context.drawImage(image, (SIZE - w) / 2, (SIZE - h) / 2, w, h);
    await predict();
  });
  await predict();
}

function drawOnPad(pad, context, onStroke) {
  let drawing = false;
  const at = (event) => {
    // The deck scales slides with a CSS transform: map the pointer back to canvas pixels.
    const box = pad.getBoundingClientRect();
    return [(event.clientX - box.left) * (pad.width / box.width), (event.clientY - box.top) * (pad.height / box.height)];
  };
  pad.addEventListener("pointerdown", (event) => {
    drawing = true;
    pad.setPointerCapture(event.pointerId);
    context.strokeStyle = "#000";
    context.lineWidth = STROKE;
    context.lineCap = context.lineJoin = "round";
    context.beginPath();
    context.moveTo(...at(event));
    context.lineTo(...at(event));
    context.stroke();
    event.preventDefault();
  });
  pad.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    context.lineTo(...at(event));
    context.stroke();
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    onStroke();
  };
  pad.addEventListener("pointerup", end);
  pad.addEventListener("pointercancel", end);
}
