// Photo widget: a picture in (uploaded, dropped, or from the camera), the model's top
// guesses out, with confidence bars. For image models that know everyday objects.
//
// The picture is shown as the model sees it: the central square (the input's shape), resized
// to the input's size, as ml5 does. The camera is read continuously while it runs, as in
// Teachable Machine; "Take picture" keeps one frame and turns the camera off.
import { CameraProblem, isShown, openCamera, stopCamera, watchLeaving } from "./camera.js";
import { buildView, showAnswer, showCamera, showMessage } from "./photo-view.js";
import { PictureProblem, acceptDrops, readPicture, uploadButton } from "./picture-input.js";
import { drawCentreCrop, toInput } from "./pixels.js";

const PROMPT = "Choose a picture: upload one, drop one on the frame, or use the camera.";
const LIVE = "The camera is on: the model reads each frame. Take a picture to keep one.";
const LEFT = "The camera turned off when the widget left the screen. Press “Use the camera” to start it again.";

export async function mount(area, model, { top = 5, onPrediction = () => {} } = {}) {
  new PhotoWidget(area, model, top, onPrediction).listen();
}

class PhotoWidget {
  constructor(area, model, top, onPrediction) {
    Object.assign(this, { model, top, onPrediction, view: buildView(area, model.input) });
    this.generation = 0;  // bumped by each new picture or camera start: older answers are dropped
    this.camera = null;   // {stream, unwatch} while the camera runs
  }

  listen() {
    const { view } = this;
    view.tools.prepend(uploadButton((file) => this.takeFile(file, "upload")));
    // The whole widget, card included: a picture dropped just beside the frame must not make
    // the browser leave the course to show it.
    acceptDrops(view.area.closest(".talkbook-model") ?? view.area, (file) => this.takeFile(file, "drop"));
    view.cameraButton.addEventListener("click", () => (this.camera ? this.turnCameraOff() : this.turnCameraOn()));
    view.snapButton.addEventListener("click", () => {
      if (this.camera && view.video.readyState >= 2) this.showPicture(view.video, "snapshot");
    });
    showMessage(view, PROMPT);
  }

  /** Reads the canvas; shows the answer unless a newer picture came in meanwhile. */
  async classify(source, stamp) {
    try {
      const predictions = await this.model.classify(toInput(this.view.canvas, this.model.input), this.top);
      if (stamp !== this.generation) return;
      showAnswer(this.view, predictions, source);
      this.onPrediction(predictions);
    } catch (error) {
      if (stamp === this.generation) showMessage(this.view, `The model could not read this picture: ${error.message}`, { alert: true });
    }
  }

  async showPicture(picture, source) {
    const stamp = ++this.generation;
    drawCentreCrop(picture, this.view.canvas);  // before the camera stops: `picture` may be its video
    this.turnCameraOff();
    this.view.frame.dataset.filled = "";
    await this.classify(source, stamp);
  }

  async takeFile(file, source) {
    if (!file) {
      showMessage(this.view, "Only a picture file can be dropped here: drag one from your files.", { alert: true });
      return;
    }
    let picture;
    try {
      picture = await readPicture(file);
    } catch (error) {
      if (!(error instanceof PictureProblem)) throw error;
      showMessage(this.view, error.message, { alert: true });
      return;
    }
    try {
      await this.showPicture(picture, source);
    } finally {
      picture.close();  // a decoded phone photo holds tens of megabytes until it is collected
    }
  }

  async turnCameraOn() {
    const stamp = ++this.generation;
    showCamera(this.view, "starting", "Starting the camera…");
    let stream;
    try {
      stream = await openCamera(this.view.video);
    } catch (error) {
      if (!(error instanceof CameraProblem)) throw error;
      if (stamp === this.generation) showCamera(this.view, "failed", error.message, error.name);
      return;
    }
    if (stamp !== this.generation) {  // a picture came in while the camera started
      stopCamera(this.view.video, stream);
      return;
    }
    this.camera = { stream, unwatch: watchLeaving(this.view.frame, () => this.turnCameraOff(LEFT)) };
    showCamera(this.view, "live", LIVE);
    await this.classifyLive(stamp);
  }

  /** One frame after another, each read once the previous answer is shown. */
  async classifyLive(stamp) {
    const { video, canvas } = this.view;
    while (stamp === this.generation && this.camera) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (!isShown(video)) this.turnCameraOff(LEFT);  // detached, or on a slide that was left
      if (stamp !== this.generation || !this.camera || video.readyState < 2) continue;
      drawCentreCrop(video, canvas);
      await this.classify("camera", stamp);
    }
  }

  /** Stops every track of the camera (its light goes off); `why` is shown, if given. */
  turnCameraOff(why = "") {
    if (!this.camera) {
      // A start still waiting (the browser's permission prompt is open) was outdated by a newer
      // picture: turnCameraOn drops its stream when it comes, and the button is free again.
      if (this.view.picture.dataset.camera === "starting") showCamera(this.view, "off");
      return;
    }
    this.camera.unwatch();
    stopCamera(this.view.video, this.camera.stream);
    this.camera = null;
    showCamera(this.view, "off", why);
  }
}
