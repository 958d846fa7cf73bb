// The course's neuron playground: sliders for inputs, weights and bias, a choice of
// activation function, and the output updated as you drag.
//
// Mounted on every <div class="talkbook-neuron-playground">, on first load, after
// each mkdocs-material instant navigation (document$) and inside the deck.

const SLIDERS = [
  ["x1", "input x₁", 0, 1, 0.8], ["x2", "input x₂", 0, 1, 0.3], ["x3", "input x₃", 0, 1, 0.5],
  ["w1", "weight w₁", -3, 3, 1.5], ["w2", "weight w₂", -3, 3, -1], ["w3", "weight w₃", -3, 3, 0.5],
  ["b", "bias b", -3, 3, -0.5],
];
// ReLU is not bounded: its bar spans the largest total the sliders can make (every input at 1,
// every weight and the bias at their top), so the bar never fills before the output stops growing.
const top = (name) => SLIDERS.find(([key]) => key === name)[3];
const LARGEST_TOTAL = [1, 2, 3].reduce((total, i) => total + top(`x${i}`) * top(`w${i}`), top("b"));
const SQUASH = {
  sigmoid: { label: "sigmoid", f: (z) => 1 / (1 + Math.exp(-z)), range: [0, 1] },
  tanh: { label: "tanh", f: Math.tanh, range: [-1, 1] },
  relu: { label: "ReLU", f: (z) => Math.max(0, z), range: [0, LARGEST_TOTAL] },
  step: { label: "step", f: (z) => (z >= 0 ? 1 : 0), range: [0, 1] },
};

function slider([name, label, min, max, value]) {
  const row = document.createElement("label");
  row.className = "talkbook-np__row";
  row.innerHTML = `<span>${label}</span><input type="range" name="${name}" min="${min}" max="${max}" step="0.05" value="${value}"><output></output>`;
  return row;
}

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const controls = document.createElement("div");
  controls.className = "talkbook-np__controls";
  SLIDERS.forEach((spec) => controls.append(slider(spec)));
  const choose = document.createElement("label");
  choose.className = "talkbook-np__row";
  choose.innerHTML = "<span>activation function</span><select name=\"squash\"></select>";
  for (const [key, { label }] of Object.entries(SQUASH)) choose.querySelector("select").add(new Option(label, key));
  controls.append(choose);
  const result = document.createElement("div");
  result.className = "talkbook-np__result";
  result.innerHTML = '<div class="talkbook-np__formula"></div><div class="talkbook-np__bar"><span></span></div><div class="talkbook-np__output" aria-live="polite"></div>';
  root.append(controls, result);
  // Keys typed here adjust sliders; they must not also move the deck.
  root.addEventListener("keydown", (event) => event.stopPropagation());
  root.addEventListener("input", () => update(root));
  update(root);
}

function update(root) {
  const value = (name) => Number(root.querySelector(`[name=${name}]`).value);
  for (const input of root.querySelectorAll("input[type=range]")) input.nextElementSibling.textContent = Number(input.value).toFixed(2);
  const sum = value("x1") * value("w1") + value("x2") * value("w2") + value("x3") * value("w3");
  const squash = SQUASH[root.querySelector("[name=squash]").value];
  const output = squash.f(sum + value("b"));
  const [low, high] = squash.range;
  const share = Math.min(1, Math.max(0, (output - low) / (high - low)));
  root.querySelector(".talkbook-np__formula").textContent =
    `weighted sum ${sum.toFixed(2)} + bias ${value("b").toFixed(2)} = ${(sum + value("b")).toFixed(2)}`;
  root.querySelector(".talkbook-np__bar span").style.width = `${(share * 100).toFixed(1)}%`;
  root.querySelector(".talkbook-np__output").textContent = `${squash.label} → output ${output.toFixed(3)}`;
}

function mountAll() {
  document.querySelectorAll(".talkbook-neuron-playground").forEach(mount);
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(mountAll);
else mountAll();
