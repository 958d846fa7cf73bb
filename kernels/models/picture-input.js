// Pictures from files: an upload button and drag and drop, both giving an ImageBitmap.
import { el } from "./dom.js";

export class PictureProblem extends Error {}

/** The picture in `file`, or a PictureProblem saying why it is not one. */
export async function readPicture(file) {
  if (file.type && !file.type.startsWith("image/")) {
    throw new PictureProblem(`“${file.name}” is not a picture (${file.type}). Choose a photo: JPEG, PNG, WebP or GIF.`);
  }
  try {
    // EXIF orientation applied: a phone's portrait photo stays upright.
    return await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch (error) {
    throw new PictureProblem(`That file could not be read as a picture (${error.message}).`);
  }
}

/** An "Upload a picture" button (a label around a hidden file input); onFile(file) on choice. */
export function uploadButton(onFile) {
  const input = el("input", "talkbook-model__upload talkbook-model__visually-hidden");
  input.type = "file";
  input.accept = "image/*";
  const label = el("label", "md-button talkbook-model__upload-button");
  label.append(el("span", "", "Upload a picture"), input);
  input.addEventListener("change", () => {
    const [file] = input.files;
    if (file) onFile(file);
    input.value = "";  // the same file chosen again still counts as a change
  });
  return label;
}

/**
 * Makes `zone` accept a dropped file; while a drag is over it, zone.dataset.drop is "over"
 * (the CSS shows the drop target). onFile(file) gets the first file, or null when the drop
 * held no file (text or a link dragged from another page).
 */
export function acceptDrops(zone, onFile) {
  let depth = 0;  // dragenter and dragleave also fire for each child the drag crosses
  const show = (over) => {
    if (over) zone.dataset.drop = "over";
    else delete zone.dataset.drop;
  };
  zone.addEventListener("dragenter", (event) => {
    event.preventDefault();
    depth += 1;
    show(true);
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();  // without it the browser opens the dropped file instead
    if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
  });
  zone.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) show(false);
  });
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    depth = 0;
    show(false);
    onFile(event.dataTransfer?.files?.[0] ?? null);
  });
}
