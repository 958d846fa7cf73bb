// Put every browser file a talkbook site needs inside the Python package, so authors
// build sites with pip alone: no Node, no npm, no network. `make assets` runs it.
//   node kernels/build/bundle.mjs
//
// Reads plugins/talkbook/vendor.json (the one list of vendored files) and writes
// plugins/talkbook/bundled/ (git-ignored, shipped in the wheel):
//   npm/<package>/<file>    the listed files of each npm package, as package-lock.json pins it
//   build/<file>            esbuild bundles (CodeMirror, the offline service worker)
//   build/pyodide-start/    Python's compiled stdlib and start-up snapshot (see pyodide-start.mjs)
//   licenses/<package>.txt  the licence of every package whose code is in the folder
//   manifest.json           versions, files and licences; the plugins read it
// It writes a fresh folder beside the old one and swaps it in, so a failed run keeps the last good one.
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildPyodideStart } from "./pyodide-start.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const packageDir = join(root, "plugins/talkbook");
const target = join(packageDir, "bundled");
const draft = join(packageDir, `.bundled.new-${process.pid}`);
const nodeModules = join(root, "node_modules");
const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

const vendor = JSON.parse(readFileSync(join(packageDir, "vendor.json"), "utf8"));
const manifest = { packages: {}, bundles: {}, licenses: {} };

function packageJson(name) {
  const path = join(nodeModules, name, "package.json");
  if (!existsSync(path)) throw new Error(`npm package ${name} is not installed: run \`npm ci\` first`);
  return JSON.parse(readFileSync(path, "utf8"));
}

// "dist/fonts/*.woff2" → the matching files; only a "*" in the last segment is supported.
function expand(name, pattern) {
  if (!pattern.includes("*")) return [pattern];
  const folder = posix.dirname(pattern);
  const re = new RegExp(`^${posix.basename(pattern).replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  const found = readdirSync(join(nodeModules, name, folder)).filter((f) => re.test(f)).sort();
  if (!found.length) throw new Error(`${name}: no file matches ${pattern}`);
  return found.map((f) => `${folder}/${f}`);
}

// The licence text of an npm package: its own file, or talkbook/licenses/<SPDX id>.txt as vendor.json names.
function addLicense(name, spdxFallback, extra = []) {
  if (manifest.licenses[name]) return;
  const meta = packageJson(name);
  const own = readdirSync(join(nodeModules, name)).find((f) => LICENSE_FILE.test(f));
  const texts = [];
  if (own) texts.push(readFileSync(join(nodeModules, name, own), "utf8"));
  else if (spdxFallback) texts.push(readFileSync(join(packageDir, "licenses", `${spdxFallback}.txt`), "utf8"));
  else throw new Error(`${name} (${meta.license}) ships no licence file: name its SPDX id as "license" in vendor.json`);
  for (const id of extra) texts.push(readFileSync(join(packageDir, "licenses", `${id}.txt`), "utf8"));
  const file = `licenses/${name.replace("/", "__")}.txt`;
  const header = `${name} ${meta.version}: ${meta.license}\n${"=".repeat(60)}\n\n`;
  writeFileSync(join(draft, file), header + texts.join(`\n\n${"=".repeat(60)}\n\n`));
  manifest.licenses[name] = { version: meta.version, license: meta.license, file };
}

// The npm package an esbuild input belongs to: node_modules/@scope/name/... or node_modules/name/...
function packageOf(input) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  return match && match[1];
}

rmSync(draft, { recursive: true, force: true });
mkdirSync(join(draft, "licenses"), { recursive: true });

for (const [name, spec] of Object.entries(vendor.packages)) {
  const { version } = packageJson(name);
  const files = spec.files.flatMap((pattern) => expand(name, pattern));
  const gzipped = new Set(spec.gzip ?? []);
  for (const relative of files) {
    const source = join(nodeModules, name, relative);
    if (!existsSync(source)) throw new Error(`${name}@${version} has no file ${relative}`);
    const destination = join(draft, "npm", name, relative);
    mkdirSync(dirname(destination), { recursive: true });
    if (gzipped.has(relative)) writeFileSync(`${destination}.gz`, gzipSync(readFileSync(source), { level: 9 }));
    else copyFileSync(source, destination);
  }
  addLicense(name, spec.license, spec.extra_licenses);
  const shipped = files.map((relative) => (gzipped.has(relative) ? `${relative}.gz` : relative));
  manifest.packages[name] = { version, files: shipped, root: `npm/${name}` };
}

for (const [name, spec] of Object.entries(vendor.bundles)) {
  const result = await build({
    entryPoints: [join(root, spec.entry)],
    outfile: join(draft, "build", spec.file),
    bundle: true,
    format: spec.format || "esm",
    // Workbox's development build logs every request; the production one is small and quiet.
    define: { "process.env.NODE_ENV": '"production"' },
    minify: true,
    target: "es2020",
    legalComments: "eof",
    logLevel: "warning",
    metafile: true,
  });
  const bundled = [...new Set(Object.keys(result.metafile.inputs).map(packageOf).filter(Boolean))].sort();
  for (const pkg of bundled) addLicense(pkg, vendor.packages[pkg]?.license);
  manifest.bundles[name] = { file: `build/${spec.file}`, version: packageJson(spec.version_of).version, packages: bundled };
  console.log(`bundled ${spec.entry} -> bundled/build/${spec.file} (${bundled.length} npm packages)`);
}

// Python's start: served as the package "pyodide-start", beside Pyodide's own files.
const start = await buildPyodideStart({
  pyodideDir: join(nodeModules, "pyodide"),
  kernels: join(root, "kernels"),
  outDir: join(draft, "build/pyodide-start"),
});
const startLicense = "licenses/pyodide-start.txt";
writeFileSync(join(draft, startLicense), [
  "pyodide-start: the Python standard library (as shipped in Pyodide, compiled to .pyc) and a memory snapshot",
  "of Pyodide with talkbook's kernel and scratchnet (MIT, see talkbook's LICENSE) imported.",
  readFileSync(join(draft, manifest.licenses.pyodide.file), "utf8"),
].join("\n\n"));
manifest.licenses["pyodide-start"] = { version: start.version, license: "MPL-2.0 AND Python-2.0 AND MIT", file: startLicense };
manifest.packages["pyodide-start"] = { version: start.version, files: start.files, root: "build/pyodide-start", sources: start.sources };
console.log(`compiled the stdlib and made Python's start-up snapshot (pyodide-start ${start.version})`);

writeFileSync(join(draft, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
const previous = join(packageDir, `.bundled.old-${process.pid}`);
if (existsSync(target)) renameSync(target, previous);
renameSync(draft, target);
rmSync(previous, { recursive: true, force: true });
console.log(`wrote ${Object.keys(manifest.packages).length} npm packages and ${Object.keys(manifest.bundles).length} bundles into plugins/talkbook/bundled/`);
