// In the style of ml5's colour classifier example: collect data, train, then
// classify the colour under the mouse when it is clicked.
let nn;
let trained = false;
let answer = "";

function setup() {
  createCanvas(256, 256);
  nn = ml5.neuralNetwork({ task: "classification", debug: false });
  // Collect data: warm colours on the left of the canvas are red-ish, cool ones on the right blue-ish.
  for (let i = 0; i < 60; i++) {
    const r = random(255);
    const b = random(255);
    nn.addData({ r, g: random(80), b }, { color: r > b ? "red-ish" : "blue-ish" });
  }
  nn.normalizeData();
  nn.train({ epochs: 24, batchSize: 12 }, () => {
    trained = true;
    createDiv("trained");
  });
}

function colourAt(x, y) {
  return { r: constrain(255 - x, 0, 255), g: 40, b: constrain(x, 0, 255) };
}

function draw() {
  const c = colourAt(mouseX, mouseY);
  background(c.r, c.g, c.b);
  fill(255);
  text(answer, 10, 20);
}

function mousePressed() {
  if (!trained) return;
  nn.classify(colourAt(mouseX, mouseY), (results) => {
    answer = results[0].label;
    createDiv(`clicked at ${round(mouseX)}: ${answer}`);
  });
}

function keyPressed() {
  createDiv(`key ${key}`);
}
