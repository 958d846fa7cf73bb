// The photo widget's elements: the picture as the model sees it (or the live camera), the
// buttons, the camera's messages, and the answer with its confidence bars.
import { el, renderBars } from "./dom.js";

export function buildView(area, input) {
  const [height, width] = input.shape;
  const canvas = el("canvas", "talkbook-model__photo");
  canvas.width = width;  // the input's own size: what is shown is exactly what the model gets
  canvas.height = height;
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", "The picture, as the model sees it");
  const video = el("video", "talkbook-model__video");
  video.setAttribute("aria-label", "The camera, cropped as the model sees it");
  const shape = width === height ? "square" : "part";
  const frame = el("figure", "talkbook-model__frame");
  frame.append(canvas, video, el("p", "talkbook-model__drop-hint", "Drop a picture here"),
    el("figcaption", "", `The model sees the central ${shape} of the picture, resized to ${width} × ${height} pixels.`));
  const cameraButton = button("md-button talkbook-model__camera-button", "Use the camera");
  const snapButton = button("md-button md-button--primary talkbook-model__snap", "Take picture");
  const tools = el("div", "talkbook-model__tools");
  tools.append(cameraButton, snapButton);
  const cameraMessage = el("p", "talkbook-model__camera-message");
  cameraMessage.setAttribute("role", "status");
  const picture = el("div", "talkbook-model__photo-input");
  picture.append(frame, tools, cameraMessage);
  const answer = el("p", "talkbook-model__answer");
  answer.setAttribute("aria-live", "polite");
  const bars = el("ol", "talkbook-model__bars");
  const output = el("div", "talkbook-model__output");
  output.append(answer, bars);
  area.classList.add("talkbook-model__area--photo");
  area.append(picture, output);
  const view = { area, canvas, video, frame, tools, cameraButton, snapButton, cameraMessage, answer, bars, picture };
  showCamera(view, "off");
  return view;
}

function button(className, text) {
  const node = el("button", className, text);
  node.type = "button";
  return node;
}

/** off | starting | live | failed: the CSS shows the video or the picture; the buttons follow. */
export function showCamera(view, state, message = "", problem = "") {
  view.picture.dataset.camera = state;
  view.cameraButton.textContent = state === "live" ? "Stop the camera" : "Use the camera";
  view.cameraButton.disabled = state === "starting";
  view.snapButton.hidden = state !== "live";
  view.cameraMessage.textContent = message;
  if (problem) view.cameraMessage.dataset.problem = problem;
  else delete view.cameraMessage.dataset.problem;
}

/** A message instead of an answer (a prompt, or a problem when `alert`). */
export function showMessage(view, text, { alert = false } = {}) {
  view.answer.replaceChildren(text);
  if (alert) view.answer.setAttribute("role", "alert");
  else view.answer.removeAttribute("role");
  delete view.answer.dataset.label;
  delete view.answer.dataset.source;
  view.bars.replaceChildren();
}

/** The model's answer: its best label in words, `predictions` as bars; `source` for tests. */
export function showAnswer(view, predictions, source) {
  const label = String(predictions[0].label);
  view.answer.removeAttribute("role");
  view.answer.replaceChildren(el("span", "", "The model sees "), el("strong", "talkbook-model__label", label));
  view.answer.dataset.label = label;
  view.answer.dataset.source = source;
  renderBars(view.bars, predictions);
}
