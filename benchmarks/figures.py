"""The figures of a results file, as rows: ratios for the chart, Markdown tables for docs/performance.md.

A benchmark that did not run (or failed) simply has no rows.
"""

from __future__ import annotations


def _get(results: dict, name: str) -> dict:
    return results.get("benchmarks", {}).get(name) or {}


def ratio_rows(results: dict) -> list[tuple[str, float, str]]:
    """(what, ratio, target) for every side-by-side figure of the run."""
    rows: list[tuple[str, float, str]] = []
    for n, r in sorted(_get(results, "build_bench").get("chapters", {}).items(), key=lambda item: int(item[0])):
        rows.append((f"build CPU, {n} chapters: talkbook / plain", r["ratio"]["cpu_s"], "≤ 1.2× at 100"))
    serve = _get(results, "serve_bench")
    if serve:
        rows.append((f"serve, save → reloaded page ({serve['chapters']} ch.): talkbook / plain", serve["ratio"], ""))
    for slides, r in sorted(_get(results, "deck_bench").get("slides", {}).items(), key=lambda item: int(item[0])):
        rows.append((f"deck build CPU, {slides} slides: with / without deck", r["cpu_ratio"], "≤ 2×"))
        rows.append((f"deck HTML, {slides} slides: deck / chapters' content", r["deck_html_vs_chapter_content"], ""))
    cells = _get(results, "cells_bench")
    if cells:
        c = cells["ratios"]
        rows += [("Python cold start: talkbook / bare Pyodide", c["cold_vs_bare"], "≤ 1.10×"),
                 ("Python start from HTTP cache / cold", c["cached_vs_cold"], ""),
                 ("Python first output on 2nd page / cold", c["second_page_vs_cold"], "≤ 0.05×"),
                 ("scratchnet epoch: Pyodide / CPython", c["epoch_pyodide_vs_cpython"], ""),
                 ("page bytes before a run: cells / static", cells["cells_bytes"] / cells["static_bytes"], "")]
    hit = _get(results, "models_bench").get("cache_hit_build")
    if hit:
        rows.append(("build, models plugin cache hit / disabled", hit["ratio"], ""))
    for link, r in _get(results, "python_start_bench").get("links", {}).items():
        target = "≤ 0.35×" if link == "localhost" else "≤ 1.0×"
        rows.append((f"Python first output, snapshot / bare Pyodide ({link})", r["vs_bare"]["snapshot"], target))
        rows.append((f"Python first output, .pyc only / bare Pyodide ({link})", r["vs_bare"]["pyc"], ""))
    imagenet = _get(results, "imagenet_bench")
    if imagenet.get("backends", {}).get("wasm"):
        rows.append(("ImageNet weights: uint16 / float32 bytes", imagenet["bytes"]["shipped_vs_float32"], ""))
    package = _get(results, "package_bench")
    if package:
        rows.append(("fresh venv → built site: talkbook / mkdocs-material", package["ratio"]["total"], ""))
    for backend, r in _get(results, "models_browser_bench").get("colour_task_ms", {}).items():
        for batch, value in r["ml5_vs_talkbook"].items():
            rows.append((f"colour task, {backend} batch {batch}: ml5 / talkbook", value, "≥ 2×"))
    return rows


def _num(x: float) -> str:
    return f"{x:.3g}" if x < 1000 else f"{x:,.0f}"


def _ms(s: dict) -> str:
    """A summary of milliseconds: median (min–max)."""
    return f"{_num(s['median'])} ms ({_num(s['min'])}–{_num(s['max'])})"


def _spread(s: dict, scale: float = 1.0, unit: str = "s", digits: int = 2) -> str:
    return f"{s['median'] * scale:.{digits}f} {unit} ({s['min'] * scale:.{digits}f}–{s['max'] * scale:.{digits}f})"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows] + [""]


def _per_added_chapter(r: dict, previous: tuple[int, dict] | None, name: str) -> float | None:
    """CPU ms per chapter added since the previous N: flat when the build grows linearly with N."""
    if previous is None:
        return None
    n_before, r_before = previous
    added = r["n"] - n_before
    return (r[name]["cpu_s"]["median"] - r_before[name]["cpu_s"]["median"]) / added * 1000


def build_table(results: dict) -> list[str]:
    chapters = _get(results, "build_bench").get("chapters", {})
    rows, previous = [], None
    for n, r in sorted(chapters.items(), key=lambda item: int(item[0])):
        p, t, x = r["plain"], r["talkbook"], r["ratio"]
        r = {**r, "n": int(n)}
        marginal = [_per_added_chapter(r, previous, name) for name in ("plain", "talkbook")]
        rows.append([n, _spread(p["cpu_s"]), _spread(t["cpu_s"]), f"{x['cpu_s']:.2f}×",
                     f"{p['peak_mb']['median']:.0f} → {t['peak_mb']['median']:.0f} MB ({x['peak_mb']:.2f}×)",
                     f"{p['bytes']['median'] / 2**20:.1f} → {t['bytes']['median'] / 2**20:.1f} MiB ({x['bytes']:.2f}×)",
                     "" if marginal[0] is None else f"{marginal[0]:.0f} → {marginal[1]:.0f} ms"])
        previous = (int(n), r)
    header = ["Chapters", "Plain material CPU", "talkbook CPU", "CPU ratio", "Peak memory (plain → talkbook)",
              "Output size (plain → talkbook)", "CPU per chapter added since the row above (plain → talkbook)"]
    return _table(header, rows) if rows else []


def serve_table(results: dict) -> list[str]:
    s = _get(results, "serve_bench")
    if not s:
        return []
    row = [str(s["chapters"]), _spread(s["plain_s"]), _spread(s["talkbook_s"]), f"{s['ratio']:.2f}×"]
    return _table(["Chapters", "Plain `mkdocs serve`", "talkbook `mkdocs serve`", "Ratio"], [row])


def deck_table(results: dict) -> list[str]:
    rows = []
    for slides, r in sorted(_get(results, "deck_bench").get("slides", {}).items(), key=lambda item: int(item[0])):
        rows.append([slides, _spread(r["without_deck_cpu_s"]), _spread(r["with_deck_cpu_s"]), f"{r['cpu_ratio']:.2f}×",
                     f"{r['deck_html_bytes'] / 1024:.0f} KB vs {r['chapter_content_bytes'] / 1024:.0f} KB "
                     f"({r['deck_html_vs_chapter_content']:.2f}×)",
                     f"{len(r['reveal_copies'])} (`{'`, `'.join(r['reveal_copies'])}`)"])
    header = ["Slides", "Build without deck", "Build with deck", "CPU ratio", "Deck HTML vs chapters' content",
              "reveal.js copies in the site"]
    return _table(header, rows) if rows else []


def cells_table(results: dict) -> list[str]:
    c = _get(results, "cells_bench")
    if not c:
        return []
    ms, r = c["ms"], c["ratios"]
    rows = [["Cold start → first output, against bare Pyodide", f"{r['cold_vs_bare']:.2f}×",
             f"{_spread(ms['cold'], 1e-3)} vs {_spread(ms['bare'], 1e-3)}", "≤ 1.10×"],
            ["Start from the HTTP cache, against the cold start", f"{r['cached_vs_cold']:.2f}×",
             _spread(ms["cached"], 1e-3), ""],
            ["Second page (instant navigation) → first output, against the cold start",
             f"{r['second_page_vs_cold']:.1%}", _spread(ms["second"], 1, "ms", 0), "≤ 5%"],
            ["One scratchnet epoch, Pyodide against CPython", f"{r['epoch_pyodide_vs_cpython']:.2f}×",
             f"{_spread(ms['epoch_ms'], 1, 'ms', 1)} vs {_spread(ms['cpython_ms'], 1, 'ms', 1)}", ""],
            ["Page bytes before any run, against static code blocks",
             f"+{(c['cells_bytes'] - c['static_bytes']) / 1024:.1f} KB",
             f"{c['cells_bytes'] / 1024:.1f} KB vs {c['static_bytes'] / 1024:.1f} KB", "≤ +50 KB"]]
    return _table(["What", "Ratio", "Medians (min–max)", "Target"], rows)


def inference_table(results: dict) -> list[str]:
    rows = []
    for model, backends in _get(results, "models_browser_bench").get("inference_ms", {}).items():
        for backend, t in backends.items():
            if t is None:
                rows.append([model, backend, "unavailable", "", ""])
                continue
            one, many = t["1"], t["1024"]
            rows.append([model, backend, _ms(one), _ms(many), f"{_num(many['median'] / 1024 * 1000)} µs"])
    return _table(["Model", "Backend", "Batch 1 (min–max)", "Batch 1024 (min–max)", "Per input at 1024"],
                  rows) if rows else []


def ml5_table(results: dict) -> list[str]:
    rows = []
    for backend, r in _get(results, "models_browser_bench").get("colour_task_ms", {}).items():
        for batch in ("1", "1024"):
            rows.append([backend, batch, _ms(r["talkbook"][batch]), _ms(r["ml5"][batch]),
                         f"{r['ml5_vs_talkbook'][batch]:.1f}×"])
    return _table(["Backend", "Batch", "talkbook", "ml5", "ml5 / talkbook"], rows) if rows else []


def models_build_table(results: dict) -> list[str]:
    m = _get(results, "models_bench")
    hit = m.get("cache_hit_build")
    if not hit:
        return []
    rows = [["Build CPU with the models plugin (cache hit) against it disabled", f"{hit['ratio']:.2f}×",
             f"{_spread(hit['enabled_cpu_s'])} vs {_spread(hit['disabled_cpu_s'])}"]]
    for name, t in m.get("training", {}).get("models", {}).items():
        trained = f"{t['epochs']} epochs" if t["epochs"] else "wraps a frozen model, no training"
        rows.append([f"Train + export `{name}` ({trained}, held-out accuracy {t['accuracy']:.3f})", "",
                     _spread(t["train_export_s"])])
    return _table(["What", "Ratio", "Median seconds (min–max)"], rows)


def package_tables(results: dict) -> list[str]:
    p = _get(results, "package_bench")
    if not p:
        return []
    parts = [[name, f"{sizes['compressed'] / 1e6:.2f} MB", f"{sizes['unpacked'] / 1e6:.2f} MB"]
             for name, sizes in sorted(p["wheel_parts"].items(), key=lambda item: -item[1]["compressed"])]
    lines = [f"The wheel: {p['wheel_bytes'] / 1e6:.2f} MB.", ""]
    lines += _table(["Part of the wheel", "In the wheel (compressed)", "Installed"], parts)
    talkbook, plain = p["seconds"]["talkbook"], p["seconds"]["plain"]
    steps = [[step, f"{p['ratio'][step]:.2f}×", _spread(talkbook[step]), _spread(plain[step])]
             for step in ("venv", "install", "new", "build", "total")]
    lines += ["From an empty folder to a built site (pip's cache warm for both):", ""]
    return lines + _table(["Step", "Ratio", "talkbook (wheel, `talkbook new`)", "mkdocs-material (`mkdocs new`)"], steps)


def python_start_table(results: dict) -> list[str]:
    links = _get(results, "python_start_bench").get("links", {})
    rows = []
    for link, r in links.items():
        for config, label in (("bare", "bare Pyodide (npm, .py stdlib)"), ("pyc", "talkbook, `snapshot: false` (.pyc stdlib)"),
                              ("snapshot", "talkbook as shipped (snapshot)")):
            against = f"{r['vs_bare'][config]:.2f}×" if config != "bare" else "1×"
            navigation = (f"{r['from_navigation_vs_bare'][config]:.2f}×" if config != "bare" else "1×")
            rows.append([link, label, against, _ms(r["ms"][config]), navigation, f"{r['bytes'][config] / 1e6:.1f} MB"])
    header = ["Link", "Configuration", "Ratio (click → output)", "Click → first output", "Ratio (navigation → output)", "Bytes"]
    return _table(header, rows) if rows else []


def imagenet_table(results: dict) -> list[str]:
    bench = _get(results, "imagenet_bench")
    backends = bench.get("backends", {})
    wasm = backends.get("wasm")
    if not wasm or wasm.get("timed_out"):
        return []
    rows = []
    for backend, r in backends.items():
        if not r or r.get("timed_out"):
            rows.append([backend, "did not finish" if r else "unavailable", "", "", "", "", ""])
            continue
        predict, widget = r["predict"], r["widget"]
        rows.append([backend, f"{_num(r['cold_ms'])} ms", _ms(predict["warm"]),
                     f"{predict['warm']['median'] / wasm['predict']['warm']['median']:.1f}×",
                     longest_task(predict), _ms(widget["warm"]), longest_task(widget)])
    header = ["Backend", "Cold: asked → first scores", "Warm, batch 1", "Warm / wasm", "Longest task (one call)",
              "Warm, as the widget runs it", "Longest task (widget)"]
    sizes = bench["bytes"]
    return _table(header, rows) + [
        f"Weights downloaded: {sizes['weights'] / 1e6:.1f} MB ({sizes['shipped']}) against "
        f"{sizes['float32_weights'] / 1e6:.1f} MB in float32: {sizes['shipped_vs_float32']:.2f}×.", ""]


def longest_task(way: dict) -> str:
    """The longest main-thread task of a classification; Chromium reports only those of 50 ms and more."""
    return f"{_num(way['longest_task_ms'])} ms" if way["longest_task_ms"] else "< 50 ms"
