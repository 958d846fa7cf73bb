// Runs INSIDE a JavaScript cell's sandbox, after the runtime: what lets sketches written
// for p5.js and for older ml5 releases run as they were written.
//
// * p5 global mode: p5 starts itself on the window's load event, long gone by the time a
//   cell runs, so the sketch is started here once the learner's code has defined setup().
// * Images: the sandbox may not load images from the network, so every image path written
//   in the code is fetched through the parent first and p5's loadImage() gets a blob: URL.
// * ml5 0.x callbacks were error-first, gotResult(error, results); ml5 1.x calls
//   gotResult(results, error). Two-parameter callbacks whose first parameter is named like
//   an error are adapted, with a one-line note showing the 1.x form.
// * ml5's built-in models ('MobileNet', ...) download from the internet; the course maps
//   those names to models of its own, or the learner is told how.
(() => {
  "use strict";
  const hooks = (globalThis.__talkbookAfterLibrary ??= {});
  const imageUrls = new Map();
  const IMAGE_PATH = /["'`]([^"'`\s]+\.(?:png|jpe?g|gif|webp|svg))["'`]/gi;
  const BUILT_IN_MODELS = ["mobilenet", "darknet", "darknet-tiny", "doodlenet"];

  globalThis.__talkbookBeforeRun = async (code) => {
    for (const [, path] of code.matchAll(IMAGE_PATH)) {
      if (!imageUrls.has(path)) imageUrls.set(path, await globalThis.__talkbookImageUrl(path).catch(() => null));
    }
  };

  hooks.p5 = () => {
    const { p5 } = globalThis;
    const loadImage = p5.prototype.loadImage;
    p5.prototype.loadImage = function (path, ...rest) {
      return loadImage.call(this, imageUrls.get(path) ?? path, ...rest);
    };
  };

  globalThis.__talkbookAfterRun = () => {
    const { p5 } = globalThis;
    const sketch = ["preload", "setup", "draw"].some((name) => typeof globalThis[name] === "function");
    if (p5 && sketch && !p5.instance) new p5();
  };

  // -- ml5 ---------------------------------------------------------------------------------
  const ERROR_NAMES = /^(err|error|e|errors?_?)$/i;
  const noted = new WeakSet();

  function parameters(fn) {
    const source = Function.prototype.toString.call(fn);
    const match = source.match(/^[^(]*\(([^)]*)\)/) || source.match(/^\s*(\w+)\s*=>/);
    return match ? match[1].split(",").map((p) => p.trim().replace(/=.*$/, "")).filter(Boolean) : [];
  }

  function adaptCallback(fn) {
    if (typeof fn !== "function" || fn.length !== 2) return fn;
    const [first, second] = parameters(fn);
    if (!ERROR_NAMES.test(first || "")) return fn;
    return function (results, error) {
      if (!noted.has(fn)) {
        noted.add(fn);
        const name = fn.name || "callback";
        console.info(`note: ${name}(${first}, ${second}) is the ml5 0.x order; ml5 1.x calls ${name}(${second}, ${first}). Adapted.`);
      }
      return fn.call(this, error, results);
    };
  }

  function adaptMethods(target) {
    if (!target || typeof target !== "object" || target.__talkbookAdapted) return target;
    Object.defineProperty(target, "__talkbookAdapted", { value: true });
    for (const name of ["classify", "classifyMultiple", "predict", "predictMultiple", "detect", "load", "ready"]) {
      const method = target[name];
      if (typeof method !== "function") continue;
      target[name] = function (...args) {
        return method.apply(this, args.map(adaptCallback));
      };
    }
    // ml5 1.4's train(options) with no callback returns a promise that never settles;
    // `await nn.train({epochs: 32})` should just work, so give it a callback that resolves.
    const train = target.train;
    if (typeof train === "function") {
      target.train = function (...args) {
        if (args.some((arg) => typeof arg === "function")) return train.apply(this, args);
        return new Promise((resolve) => train.call(this, ...args, resolve));
      };
    }
    return target;
  }

  async function resolveModelName(name) {
    if (typeof name !== "string" || !BUILT_IN_MODELS.includes(name.toLowerCase())) return name;
    const url = globalThis.__talkbookModelsIndex;
    const index = url ? await (await fetch(url)).json().catch(() => ({})) : {};
    const mapped = (index.ml5_models || {})[name] ?? (index.ml5_models || {})[name.toLowerCase()];
    if (!mapped) {
      throw new Error(
        `ml5's built-in model '${name}' is downloaded from the internet, which this site never does, and it is ` +
        `not bundled with this course. Map the name to a model of the course in mkdocs.yml: ` +
        `plugins: - talkbook/models: ml5_models: {${name}: <model name>}`,
      );
    }
    return new URL(mapped, new URL(globalThis.__talkbookModelsIndex, document.baseURI)).href;
  }

  const FACTORIES = ["imageClassifier", "neuralNetwork", "soundClassifier", "objectDetector"];
  let unwrapped = {}; // ml5's own factories, before p5's preload wrapping and ours

  // Wrap whatever ml5[factory] is now (ml5's own, or its p5-preload version) with callback
  // adaptation; built-in model names are resolved first, holding p5's preload meanwhile.
  function installWrappers(ml5, sketch) {
    for (const factory of FACTORIES) {
      const current = ml5[factory];
      if (typeof current !== "function") continue;
      ml5[factory] = (...args) => {
        const adapted = args.map(adaptCallback);
        if (factory !== "imageClassifier" || !isBuiltIn(args[0])) return adaptResult(current.apply(ml5, adapted));
        sketch?._incrementPreload();
        const pending = resolveModelName(args[0])
          .then((url) => unwrapped[factory].apply(ml5, [url, ...adapted.slice(1)]))
          .then(async (model) => (await model?.ready, adaptMethods(await model)));
        pending.catch((error) => console.error(error.message)).finally(() => sketch?._decrementPreload());
        return deferred(pending);
      };
    }
  }

  function isBuiltIn(name) {
    return typeof name === "string" && BUILT_IN_MODELS.includes(name.toLowerCase());
  }

  function adaptResult(result) {
    if (result && typeof result.then === "function" && !result.classify) return result.then((value) => adaptMethods(value));
    return adaptMethods(result);
  }

  // An object whose methods wait for the model, so `classifier.classify(img, gotResult)` in
  // setup() works even though the model is still loading (ml5 0.x allowed this too).
  function deferred(pending) {
    const calls = (name) => (...args) => pending.then((model) => model[name](...args));
    return new Proxy({ then: (ok, fail) => pending.then(ok, fail) }, {
      get: (target, name) => (name === "then" ? target.then : calls(name)),
    });
  }

  hooks.ml5 = () => {
    const { ml5, p5 } = globalThis;
    unwrapped = Object.fromEntries(FACTORIES.map((name) => [name, ml5[name]]));
    installWrappers(ml5, null);
    // A p5 sketch swaps ml5's factories for preload-aware ones when it starts ("init",
    // registered by ml5 before this); wrap those again once it has.
    p5?.prototype.registerMethod("init", function () {
      installWrappers(ml5, this);
    });
  };
})();
