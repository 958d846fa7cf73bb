// The camera of the photo widget: start and stop a video stream, say in plain words why it
// cannot start, and notice when the widget leaves the screen so the camera is not left on.

export class CameraProblem extends Error {
  constructor(message, name = "CameraProblem") {
    super(message);
    this.name = name;
  }
}

/** Plays the camera in `video`; resolves to its stream, or throws with a learner-sized message. */
export async function openCamera(video) {
  if (!globalThis.isSecureContext) {
    throw new CameraProblem("The camera works only on a secure page (an https:// address, or localhost). "
      + "Upload a picture or drop one here instead.", "InsecureContext");
  }
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraProblem("This browser does not let pages use a camera. Upload a picture or drop one here instead.", "NoMediaDevices");
  }
  let stream;
  try {
    // The back camera where there is one (a phone pointed at things); any camera otherwise.
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
  } catch (error) {
    throw new CameraProblem(cameraMessage(error), error?.name);
  }
  video.muted = true;
  video.playsInline = true;  // iOS would otherwise open its full-screen player
  video.srcObject = stream;
  try {
    await video.play();
  } catch (error) {
    stopCamera(video, stream);
    throw new CameraProblem(cameraMessage(error), error?.name);
  }
  return stream;
}

/** Turns the camera off (its light too): every track stopped, the video emptied. */
export function stopCamera(video, stream) {
  for (const track of stream?.getTracks() ?? []) track.stop();
  video.pause();
  video.srcObject = null;
}

/** Why getUserMedia failed, for a learner: what happened and what to do instead. */
export function cameraMessage(error) {
  const instead = "Upload a picture or drop one here instead.";
  switch (error?.name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return "The camera was not allowed for this page. To use it, allow the camera for this site in the browser "
        + `(often an icon in the address bar), then press “Use the camera” again. ${instead}`;
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return `No camera was found on this device. ${instead}`;
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return `The camera could not start: another application may be using it. Close that application and try again. ${instead}`;
    default:
      return `The camera could not start (${error?.message || error?.name || "no reason given"}). ${instead}`;
  }
}

/**
 * Calls onLeave once `element` is off screen, on a hidden slide, detached (instant
 * navigation replaced the page) or the tab is hidden. Returns a function that stops watching.
 */
export function watchLeaving(element, onLeave) {
  const visible = new IntersectionObserver(([entry]) => {
    if (!entry.isIntersecting) onLeave();
  });
  visible.observe(element);
  const hidden = () => {
    if (document.visibilityState === "hidden") onLeave();
  };
  document.addEventListener("visibilitychange", hidden);
  window.addEventListener("pagehide", onLeave);
  return () => {
    visible.disconnect();
    document.removeEventListener("visibilitychange", hidden);
    window.removeEventListener("pagehide", onLeave);
  };
}

/** False when `element` left the document or sits on a slide that reveal.js hid. */
export function isShown(element) {
  if (!element.isConnected) return false;
  return element.checkVisibility?.({ visibilityProperty: true }) ?? true;
}
