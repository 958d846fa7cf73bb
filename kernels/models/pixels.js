// Turn a picture (a canvas) into the tensor an image model's INPUT describes.
//
// One channel in 0..1 is read as ink, as the digits model was trained: 1 - brightness,
// after cropping to what was drawn (a square around the ink, centred), so a small digit
// in a corner reads like the dataset's digits, which fill their box.
// Three channels are RGB, the whole picture resized and scaled to INPUT's range.
// A photo is first cut to the input's shape (drawCentreCrop), as ml5 does.

const INK_THRESHOLD = 0.1;  // fainter than this is paper (anti-aliasing, scanner noise)

export function toInput(canvas, input) {
  const [height, width, channels] = input.shape;
  const [low, high] = input.range;
  if (channels === 1) return inkGrid(canvas, height, width, low, high);
  if (channels === 3) return rgbGrid(canvas, height, width, low, high);
  throw new Error(`images with ${channels} channels are not supported`);
}

/**
 * Draws the central part of `source` (a picture or a video frame) that has `canvas`'s
 * proportions, scaled to fill the canvas: the central square for a square input. This is
 * what ml5.imageClassifier feeds a model (centre crop, then resize), so a photo is seen
 * uncropped only where it already had the input's shape.
 */
export function drawCentreCrop(source, canvas) {
  const [width, height] = "videoWidth" in source ? [source.videoWidth, source.videoHeight] : [source.width, source.height];
  const scale = Math.max(canvas.width / width, canvas.height / height);
  const [cropWidth, cropHeight] = [canvas.width / scale, canvas.height / scale];
  const context = canvas.getContext("2d", { willReadFrequently: true });
  context.fillStyle = "#fff";  // a transparent picture reads as on white paper
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingQuality = "high";
  context.drawImage(source, (width - cropWidth) / 2, (height - cropHeight) / 2, cropWidth, cropHeight, 0, 0, canvas.width, canvas.height);
}

/** True when nothing darker than paper is on the canvas. */
export function isBlank(canvas) {
  return inkBox(canvas) === null;
}

function rgbGrid(canvas, height, width, low, high) {
  const pixels = draw(canvas, 0, 0, canvas.width, canvas.height, width, height);
  const out = new Float32Array(height * width * 3);
  for (let i = 0, o = 0; i < pixels.length; i += 4) {
    for (let c = 0; c < 3; c += 1) out[o++] = low + (pixels[i + c] / 255) * (high - low);
  }
  return out;
}

function inkGrid(canvas, height, width, low, high) {
  const box = inkBox(canvas) ?? { x: 0, y: 0, w: canvas.width, h: canvas.height };
  const side = Math.max(box.w, box.h);
  const x = box.x + box.w / 2 - side / 2;
  const y = box.y + box.h / 2 - side / 2;
  // Drawn 8 times larger than the grid, then averaged in 8x8 blocks: an exact box filter.
  const scale = 8;
  const pixels = draw(canvas, x, y, side, side, width * scale, height * scale);
  const out = new Float32Array(height * width);
  for (let row = 0; row < height * scale; row += 1) {
    for (let col = 0; col < width * scale; col += 1) {
      const i = (row * width * scale + col) * 4;
      const ink = 1 - (pixels[i] + pixels[i + 1] + pixels[i + 2]) / (3 * 255);
      out[Math.floor(row / scale) * width + Math.floor(col / scale)] += ink / (scale * scale);
    }
  }
  return out.map((ink) => low + ink * (high - low));
}

/** The bounding box of the ink, or null on a blank canvas. */
function inkBox(canvas) {
  const { width, height } = canvas;
  const pixels = canvas.getContext("2d", { willReadFrequently: true }).getImageData(0, 0, width, height).data;
  let top = height, left = width, bottom = -1, right = -1;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      if (1 - (pixels[i] + pixels[i + 1] + pixels[i + 2]) / (3 * 255) > INK_THRESHOLD) {
        top = Math.min(top, y); bottom = Math.max(bottom, y);
        left = Math.min(left, x); right = Math.max(right, x);
      }
    }
  }
  return bottom < 0 ? null : { x: left, y: top, w: right - left + 1, h: bottom - top + 1 };
}

/** The region (sx, sy, side) of `canvas` drawn onto white paper of w x h; its RGBA bytes. */
function draw(canvas, sx, sy, sw, sh, w, h) {
  const target = document.createElement("canvas");
  target.width = w;
  target.height = h;
  const context = target.getContext("2d", { willReadFrequently: true });
  context.fillStyle = "#fff";  // outside the source region is paper, not transparent black
  context.fillRect(0, 0, w, h);
  context.imageSmoothingQuality = "high";
  context.drawImage(canvas, sx, sy, sw, sh, 0, 0, w, h);
  return context.getImageData(0, 0, w, h).data;
}
