"""The talkbook/cells plugin in a real MkDocs build, on sites without the talk plugin."""

import re
import zipfile

import pytest
import yaml
from mkdocs.exceptions import Abort

from talkbook import assets
from talkbook.assets import vendor
from tests.support.sites import build_site, write_fixture_site

CELLS = {"talkbook/cells": {}}


def build(tmp_path, docs, extensions=None, **options):
    plugins = ["search", {"talkbook/cells": {**CELLS["talkbook/cells"], **options}}]
    config = write_fixture_site(tmp_path, docs=docs, plugins=plugins)
    if extensions is not None:  # replace the fixture's markdown_extensions
        settings = yaml.safe_load(config.read_text())
        settings["markdown_extensions"] = extensions
        config.write_text(yaml.safe_dump(settings))
    return build_site(config, tmp_path / "site")


PAGE = '''\
# Page

```python {run id=first autorun timeout=5}
x = "<b>&"
```

```python {run hidden}
secret = 42
```

```python
print("static")
```

```python {run}
print(x)
```
'''


def test_cells_render_as_highlighted_code_with_buttons(tmp_path):
    site = build(tmp_path, {"index.md": PAGE})
    html = (site / "index.html").read_text()
    first = re.search(r'<div class="talkbook-cell"[^>]*data-cell-id="first"[^>]*>', html).group(0)
    assert "data-autorun" in first and 'data-timeout="5"' in first
    assert 'data-source="x = &quot;&lt;b&gt;&amp;&quot;\n"' in first
    assert html.count('data-action="run"') == 2  # the hidden cell has no buttons
    assert re.search(r'data-cell-id="cell-2"[^>]*hidden', html)
    # the last cell reads x from the first: it offers Run all above
    last = html[html.index('data-cell-id="cell-3"'):]
    assert 'data-action="run-above"' in last[:3000]
    # static code keeps the site's highlighting, outside any cell
    static = html.index('<span class="s2">"static"</span>')
    assert html.rfind('<div class="highlight">', 0, static) > html.rfind("talkbook-cell__output", 0, static)


def test_the_fence_works_without_superfences_in_the_config(tmp_path):
    site = build(tmp_path, {"index.md": PAGE}, extensions=["attr_list"])
    assert "data-talkbook-cell" in (site / "index.html").read_text()


def test_the_site_gets_the_kernel_files(tmp_path):
    site = build(tmp_path, {"index.md": PAGE})
    assets = site / "assets"
    for name in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm.gz", "pyodide-lock.json"]:
        assert (assets / "vendor/pyodide/314.0.7" / name).is_file()
    for name in ["pyodide.js", "pyodide.asm.wasm", "python_stdlib.zip"]:  # not loaded, or shipped otherwise
        assert not (assets / "vendor/pyodide/314.0.7" / name).exists()
    start = vendor("pyodide-start")
    for name in ["python_stdlib.zip", "snapshot.bin.gz"]:
        assert (site / start.url(name)).is_file()
    assert (assets / "vendor/codemirror/6.0.2/codemirror.mjs").is_file()
    assert (assets / "vendor/uplot/1.6.32/dist/uPlot.esm.js").is_file()
    assert (site / "coi-serviceworker.min.js").is_file()  # at the root: its scope is the whole site
    cells = assets / "talkbook/0.1.0/cells"
    assert (cells / "python/talkbook_kernel.py").is_file() and (cells / "python-worker.js").is_file()
    settings = (cells / "settings.js").read_text()
    assert '"../../../vendor/pyodide/314.0.7/"' in settings
    assert f'"../../../vendor/pyodide-start/{start.version}/snapshot.bin.gz"' in settings
    assert '"../../../vendor/pyodide/314.0.7/pyodide.asm.wasm"' in settings  # listed as gzipped
    wheel = assets / "talkbook/0.1.0/wheels/scratchnet-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        assert "scratchnet/network.py" in archive.namelist()
    html = (site / "index.html").read_text()
    assert html.index('src="coi-serviceworker.min.js"') < html.index("cells.js")
    assert re.search(r'<script src="assets/talkbook/0.1.0/cells/cells.js" type="module">', html)


def test_isolation_can_be_switched_off(tmp_path):
    site = build(tmp_path, {"index.md": PAGE}, isolation=False)
    assert not (site / "coi-serviceworker.min.js").exists()
    assert "coi-serviceworker" not in (site / "index.html").read_text()


def test_a_disabled_plugin_leaves_fences_static(tmp_path):
    site = build(tmp_path, {"index.md": PAGE}, enabled=False)
    assert "data-talkbook-cell" not in (site / "index.html").read_text()


@pytest.mark.parametrize("fence, message", [
    ("```python {run autorn}", "page.md: unknown cell option 'autorn'"),
    ("```python {run timeout=never}", "page.md: option 'timeout=never' must be a number"),
    ("```python {check for=nowhere}", "page.md: option 'for=nowhere' of a check block names no run cell"),
    ("```python {run #same}\npass\n```\n\n```python {run #same}", "page.md: two cells have the id 'same'"),
])
def test_bad_options_stop_the_build_naming_page_and_option(tmp_path, caplog, fence, message):
    with pytest.raises(Abort):
        build(tmp_path, {"index.md": "# Home\n", "page.md": f"# Page\n\n{fence}\npass\n```\n"})
    assert f"talkbook/cells: {message}" in caplog.text


def test_an_installation_without_its_browser_files_is_explained(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(assets, "BUNDLED", tmp_path / "nowhere")
    assets.manifest.cache_clear()
    try:
        with pytest.raises(Abort):
            build(tmp_path, {"index.md": PAGE})
    finally:
        assets.manifest.cache_clear()
    assert "talkbook: the browser libraries are missing from this installation" in caplog.text
    assert "run `make assets`" in caplog.text
