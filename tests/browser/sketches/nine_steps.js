// Step 1: the data
let data = [
  { r: 255, g: 0, b: 0, color: 'red-ish' },
  { r: 254, g: 0, b: 0, color: 'red-ish' },
  { r: 253, g: 0, b: 0, color: 'red-ish' },
  { r: 0, g: 0, b: 255, color: 'blue-ish' },
  { r: 0, g: 0, b: 254, color: 'blue-ish' },
  { r: 0, g: 0, b: 253, color: 'blue-ish' }
];

// Step 2: the options
let options = {
  task: 'classification',
  debug: true
};

// Step 3: create the network
let nn = ml5.neuralNetwork(options);

// Step 4: add the data
data.forEach(item => {
  const inputs = { r: item.r, g: item.g, b: item.b };
  const output = { color: item.color };
  nn.addData(inputs, output);
});

// Step 5: normalize
nn.normalizeData();

// Step 6: train
const trainingOptions = { epochs: 32, batchSize: 12 };
nn.train(trainingOptions, finishedTraining);

// Step 7: use the trained model
function finishedTraining() {
  classify();
}

// Step 8: classify a new colour
function classify() {
  const input = { r: 255, g: 0, b: 0 };
  nn.classify(input, handleResults);
}

// Step 9: handle the result
function handleResults(error, result) {
  if (error) {
    console.error(error);
    return;
  }
  console.log(result[0].label, result[0].confidence);
}
