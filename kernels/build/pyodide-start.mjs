// Python's start, done once at talkbook's asset build instead of in every learner's browser.
// Called by bundle.mjs; runs Pyodide's own Python (3.14) in Node, so the host's Python does not matter.
//
//   python_stdlib.zip   the standard library compiled to .pyc (unchecked-hash pycs: no source, no stat);
//                       importing from it skips compiling. Learner code and scratchnet stay source,
//                       so their tracebacks keep their lines.
//   snapshot.bin.gz     a memory snapshot of Python started from that zip, with talkbook's kernel
//                       (talkbook_kernel, viz), scratchnet and the stdlib modules they import already
//                       imported. Restoring it is Pyodide's private `_loadSnapshot`: it needs this exact
//                       Pyodide build and these exact stdlib bytes, and the worker falls back to a cold start.
//
// Both are content-addressed: they land in assets/vendor/pyodide-start/<hash>/, so a browser never
// mixes a snapshot with another build's stdlib.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

// The Python files the snapshot holds, relative to kernels/. Their hash is in the manifest, so a
// build can tell a snapshot made from other sources (an edited kernel) and start cold instead.
export function snapshotSources(kernels) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "__pycache__") walk(path);
      else if (entry.isFile() && entry.name.endsWith(".py")) files.push(relative(kernels, path).split("\\").join("/"));
    }
  };
  walk(join(kernels, "cells/python"));
  walk(join(kernels, "python/scratchnet"));
  return files;
}

export function sourcesHash(kernels, files) {
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(kernels, file))).update("\n");
  return hash.digest("hex");
}

const COMPILE = `
import importlib.util, io, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

def compile_stdlib(source_zip, out_zip):
    out = io.BytesIO()
    with zipfile.ZipFile(source_zip) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(".py"):
                code = compile(data, "/lib/python314.zip/" + info.filename, "exec", dont_inherit=True)
                data = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
                info = zipfile.ZipInfo(info.filename + "c", date_time=info.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)
    with open(out_zip, "wb") as f:
        f.write(out.getvalue())
`;

// What the kernel imports as it starts, so that the snapshot holds it (see talkbook_kernel.py).
const WARM = `
import talkbook_kernel, viz, scratchnet
import json, traceback, random, math
`;

export async function buildPyodideStart({ pyodideDir, kernels, outDir }) {
  const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));
  mkdirSync(outDir, { recursive: true });
  const stdlib = join(outDir, "python_stdlib.zip");

  const compiler = await loadPyodide({ indexURL: `${pyodideDir}/` });
  compiler.FS.writeFile("/tmp/source.zip", readFileSync(join(pyodideDir, "python_stdlib.zip")));
  compiler.runPython(COMPILE);
  compiler.runPython("compile_stdlib('/tmp/source.zip', '/tmp/compiled.zip')");
  writeFileSync(stdlib, compiler.FS.readFile("/tmp/compiled.zip"));

  const files = snapshotSources(kernels);
  const py = await loadPyodide({ indexURL: `${pyodideDir}/`, stdLibURL: stdlib, _makeSnapshot: true });
  const sitePackages = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  for (const file of files) {
    // cells/python/talkbook_kernel.py -> site-packages/talkbook_kernel.py; python/scratchnet/x.py -> scratchnet/x.py
    const target = file.startsWith("cells/python/") ? file.slice("cells/python/".length) : file.slice("python/".length);
    const path = `${sitePackages}/${target}`;
    py.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    py.FS.writeFile(path, readFileSync(join(kernels, file)));
  }
  py.runPython("import importlib; importlib.invalidate_caches()");
  py.runPython(WARM);
  const snapshot = gzipSync(py.makeMemorySnapshot(), { level: 9 });
  writeFileSync(join(outDir, "snapshot.bin.gz"), snapshot);

  const version = createHash("sha256").update(readFileSync(stdlib)).update(snapshot).digest("hex").slice(0, 12);
  return { version, files: ["python_stdlib.zip", "snapshot.bin.gz"], sources: sourcesHash(kernels, files) };
}
