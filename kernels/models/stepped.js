// Run a LayersModel one layer at a time, giving the page a turn between layers.
//
// On the cpu and wasm backends a prediction is one synchronous call, so a big model freezes
// the page while it runs: measured here, EfficientNet-Lite0 (224x224) held the main thread
// for ~1 s per prediction on cpu and ~60 ms on wasm, and WebGL's synchronous read-back
// blocked ~1 s on SwiftShader. The camera's video stalls, clicks wait, scrolling stops.
//
// A functional model keeps its nodes sorted by depth (nodesByDepth): the order TF.js runs them
// in when a model is called as a layer. Each layer then gets the same inputs as in
// model.predict and runs the same kernels, so the result is model.predict's (a Chromium test
// compares them); each output is kept until its last consumer ran, and once SLICE_MS have
// passed the page gets a turn.

export const SLICE_MS = 12;

/** The steps of `model` in execution order; null where the model is not a single-input,
 * single-output graph of layers (then it runs in one call, as before). */
export function planOf(model) {
  const graph = model.getClassName() === "Sequential" ? model.model : model;
  if (!graph?.nodesByDepth || graph.inputs?.length !== 1 || graph.outputs?.length !== 1) return null;
  const depths = Object.keys(graph.nodesByDepth).map(Number).sort((a, b) => b - a);
  const steps = [];
  for (const depth of depths) {
    for (const node of graph.nodesByDepth[depth]) {
      if (node.outboundLayer.getClassName() === "InputLayer") continue;
      steps.push({
        layer: node.outboundLayer,
        inputs: node.inputTensors.map((tensor) => tensor.id),
        outputs: node.outputTensors.map((tensor) => tensor.id),
      });
    }
  }
  const uses = new Map();
  for (const { inputs } of steps) for (const id of inputs) uses.set(id, (uses.get(id) ?? 0) + 1);
  return { steps, input: graph.inputs[0].id, output: graph.outputs[0].id, uses };
}

/**
 * Gives the browser a turn: input, rendering and timers run before the next layer.
 * A posted message, measured against the alternatives on cpu with EfficientNet-Lite0:
 * scheduler.yield() let no timer run during a whole 1-2 s prediction and drew 8 frames a
 * second; setTimeout(0) is clamped to 4 ms once nested, which made wasm predictions
 * 60-120 ms slower; a message let timers and ~40 frames a second through at no cost.
 */
export function giveTurn() {
  turns ??= openTurns();
  return new Promise((resolve) => {
    turns.waiting.push(resolve);
    turns.channel.port2.postMessage(null);
  });
}

let turns = null;

function openTurns() {
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return { channel, waiting };
}

export class Stopped extends Error {
  constructor() {
    super("the prediction was stopped");
    this.name = "Stopped";
  }
}

/**
 * The output tensor of `plan` (from planOf) for the input tensor `x`, which stays the caller's.
 * shouldStop() is asked at each turn; when it says yes the run ends with a Stopped error.
 */
export async function runPlan(tf, plan, x, { sliceMs = SLICE_MS, shouldStop = () => false } = {}) {
  const values = new Map([[plan.input, x]]);
  const left = new Map(plan.uses);
  let sliceStarted = performance.now();
  try {
    for (const { layer, inputs, outputs } of plan.steps) {
      // An array, as TF.js's executor passes it: layers take their single input out of it.
      const results = tf.tidy(() => [layer.apply(inputs.map((id) => values.get(id)))].flat());
      outputs.forEach((id, i) => values.set(id, results[i]));
      for (const id of inputs) {
        left.set(id, left.get(id) - 1);
        if (left.get(id) === 0 && id !== plan.input && id !== plan.output) {
          values.get(id).dispose();
          values.delete(id);
        }
      }
      if (performance.now() - sliceStarted > sliceMs) {
        await giveTurn();
        if (shouldStop()) throw new Stopped();
        sliceStarted = performance.now();
      }
    }
    const y = values.get(plan.output);
    values.delete(plan.output);
    return y;
  } finally {
    values.delete(plan.input);
    for (const tensor of values.values()) tensor.dispose();
  }
}
