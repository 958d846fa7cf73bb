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
  // The offline service worker with Workbox in it: one classic script, no CDN (workbox-sw's way).
  {
    entry: "kernels/offline/worker.js",
    out: "build/offline/talkbook-sw.js",
    format: "iife",
    // Workbox's development build logs every request; the production one is small and quiet.
    define: { "process.env.NODE_ENV": '"production"' },
  },
];

for (const { entry, out, format = "esm", define = {} } of bundles) {
  await build({
    entryPoints: [resolve(root, entry)],
    outfile: resolve(root, out),
    bundle: true,
    format,
    define,
    minify: true,
    target: "es2020",
    legalComments: "eof",
    logLevel: "warning",
  });
  console.log(`bundled ${entry} -> ${out}`);
}
