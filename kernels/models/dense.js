// A fast path for small Sequential models made of Dense layers, such as the colour namer.
//
// For a model this small, dispatching TF.js ops costs more than the maths: LayersModel's
// predictOnBatch spent ~45 µs per call on this machine's CPU where the same fused matMul
// ops take ~28 µs, and a final softmax is one more op for a dozen numbers. So the Dense
// layers run as fused matMul ops on the layers' own weight tensors (which move between
// backends like any tensor), and a softmax output is computed on the scores read back.
// The parity test checks the result against Python, like the LayersModel path.

const FUSED = new Set(["linear", "relu", "relu6", "elu", "sigmoid"]);
const SKIPPED = new Set(["InputLayer", "Dropout"]);  // Dropout does nothing at inference

/** {apply(x) -> tensor, finish(scores, rows)} for a Sequential stack of Dense layers; null otherwise. */
export function compileDense(tf, model) {
  if (model.getClassName() !== "Sequential") return null;
  const steps = [];
  for (const layer of model.layers) {
    if (SKIPPED.has(layer.getClassName())) continue;
    if (layer.getClassName() !== "Dense") return null;
    const { activation, useBias } = layer.getConfig();
    if (!FUSED.has(activation) && activation !== "softmax") return null;
    const [kernel, bias] = layer.getWeights();
    steps.push({ kernel, bias: useBias ? bias : undefined, activation });
  }
  const last = steps.at(-1);
  if (!last || steps.slice(0, -1).some((step) => step.activation === "softmax")) return null;
  const softmax = last.activation === "softmax";
  return {
    apply: (x) => tf.tidy(() => steps.reduce((h, { kernel, bias, activation }) => (
      tf.fused.matMul({ a: h, b: kernel, bias, activation: activation === "softmax" ? "linear" : activation })
    ), x)),
    finish: (scores, rows) => (softmax ? softmaxRows(scores, rows) : scores),
  };
}

/** Softmax of each row, in place (max subtracted first, as TF.js does, so exp cannot overflow). */
function softmaxRows(scores, rows) {
  const width = scores.length / rows;
  for (let row = 0; row < rows; row += 1) {
    const start = row * width;
    let max = -Infinity;
    for (let i = start; i < start + width; i += 1) max = Math.max(max, scores[i]);
    let sum = 0;
    for (let i = start; i < start + width; i += 1) {
      scores[i] = Math.exp(scores[i] - max);
      sum += scores[i];
    }
    for (let i = start; i < start + width; i += 1) scores[i] /= sum;
  }
  return scores;
}
