// Bundle the browser libraries that npm ships as many small modules into single ES
// modules under build/, where the talkbook plugins pick them up. `make deps` runs it.
//   node kernels/build/bundle.mjs
import { build } from "esbuild";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const bundles = [
  // One module instead of ~30: a page fetches it once, on the first edit.
  { entry: "kernels/build/codemirror.entry.mjs", out: "build/codemirror/codemirror.mjs" },
];

for (const { entry, out } of bundles) {
  await build({
    entryPoints: [resolve(root, entry)],
    outfile: resolve(root, out),
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2020",
    legalComments: "eof",
    logLevel: "warning",
  });
  console.log(`bundled ${entry} -> ${out}`);
}
