"""``talkbook/models``: serve frozen TF.js models, retraining those whose recipe changed.

A thin MkDocs adapter over :mod:`talkbook.models.catalog` (the artifacts),
:mod:`talkbook.models.widgets` (the ```` ```model ```` fence) and
:mod:`talkbook.models.browser` (kernels/models and the self-hosted TF.js, uPlot and
ml5). It never imports TensorFlow itself, so a build from up-to-date artifacts does not need it.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from talkbook.models import browser
from talkbook.models.catalog import ModelStatus, refresh
from talkbook.models.config import ModelsConfig
from talkbook.models.recipe import RecipeError, TrainingUnavailable
from talkbook.models.store import CorruptArtifact, Store
from talkbook.models.widgets import WidgetError, parse_widget, render_widget
from talkbook.assets import project_path, watched_paths
from talkbook.fences import FenceError, register_fences
from talkbook.locations import first_line, where

log = get_plugin_logger(__name__)

class ModelsPlugin(BasePlugin[ModelsConfig]):
    def __init__(self):
        self.mkdocs_config = None
        self.models: list[ModelStatus] = []
        self.recipes_dir: Path | None = None
        self.page_uri = "?"

    # Runs after the other plugins' on_config, so their configuration errors stop the
    # build before seconds of training are spent.
    @event_priority(-50)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.mkdocs_config = config  # fence errors ask it where a talk wrote the block
        self.recipes_dir, store_root = self._parse_paths(config)
        try:
            statuses = refresh(self.recipes_dir, Store(store_root), retrain=self.config.retrain, log=log)
        except (RecipeError, CorruptArtifact, TrainingUnavailable) as error:
            raise PluginError(f"talkbook/models: {error}") from error
        self.models = [status for status in statuses if status.model is not None]
        register_fences(config, "talkbook-model", (self.config.fence,), self._format_fence)
        script = ExtraScriptValue(browser.entry_script())
        script.type = "module"
        config.extra_javascript.append(script)
        config.extra_css.append(browser.stylesheet())
        return config

    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        for status in self.models:
            folder = status.model.folder
            for artifact in status.model.artifact_names():
                self._add_file(files, config, f"{self._site_path}/{status.name}/{artifact}", folder / artifact)
        index = File.generated(config, f"{self._site_path}/index.json", content=self._render_index())
        files.append(index)
        browser.add_runtime_files(files, config, index.src_uri)
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files: Files) -> str:
        self.page_uri = page.file.src_uri  # named in fence errors
        return markdown

    def on_serve(self, server, *, config, builder):
        if self.config.enabled and self.recipes_dir is not None:
            server.watch(str(self.recipes_dir))  # editing a recipe rebuilds (and so retrains) it
            for path in watched_paths("models"):
                server.watch(path)
        return server

    def _format_fence(self, src, language, class_name, options, md, **kwargs) -> str:
        inputs = {status.name: status.model.card["input"] for status in self.models}
        try:
            return render_widget(parse_widget(src, inputs))
        except WidgetError as error:
            # A problem on line N of the block is reported at that line of the talk (or page).
            message, lines = str(error), src.splitlines()
            inner = re.match(r"line (\d+): (.*)", message, re.S)
            if inner and 0 < int(inner.group(1)) <= len(lines):
                needle, message = lines[int(inner.group(1)) - 1].strip(), inner.group(2)
            else:
                needle = first_line(src)
            place = where(self.mkdocs_config, self.page_uri, needle)
            raise FenceError(f"talkbook/models: {place}: ```{self.config.fence} block: {message}") from None

    def _parse_paths(self, config) -> tuple[Path, Path]:
        return project_path(config, self.config.recipes), project_path(config, self.config.store)

    @property
    def _site_path(self) -> str:
        return self.config.site_path.strip("/")

    def _add_file(self, files: Files, config, uri: str, source: Path) -> None:
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"talkbook/models: {uri} exists in the docs and would hide the frozen {source}")
        files.append(File.generated(config, uri, abs_src_path=str(source)))

    def _render_index(self) -> str:
        """The catalogue the browser loads models by name from; URLs are relative to index.json."""
        entries = [
            {
                "name": status.name,
                "description": status.model.card.get("description", ""),
                "url": f"{status.name}/model.json",
                "metadata": f"{status.name}/metadata.json",
                "card": f"{status.name}/card.json",
                "examples": f"{status.name}/examples.json",
                "labels": status.model.labels,
                "input": status.model.card["input"],
                "stale": status.state == "stale",
                "sha256": _weights_hash(status.model.card),
            }
            for status in self.models
        ]
        return json.dumps({"models": entries, "ml5_models": self._ml5_models()}, indent=2, sort_keys=True) + "\n"

    def _ml5_models(self) -> dict[str, str]:
        """ml5 names mapped to the URL (relative to index.json) of a model of the course."""
        names = {status.name for status in self.models}
        for alias, name in self.config.ml5_models.items():
            if name not in names:
                known = ", ".join(sorted(names)) or "none"
                raise PluginError(f"talkbook/models: ml5_models maps '{alias}' to '{name}', which is not a model of the course ({known})")
        return {alias: f"{name}/model.json" for alias, name in self.config.ml5_models.items()}


def _weights_hash(card: dict) -> str:
    """One hash for what the browser runs (model.json and its weights): keys its backend cache."""
    digest = hashlib.sha256()
    for name, entry in sorted(card["files"].items()):
        if name == "model.json" or name.endswith(".bin"):
            digest.update(f"{name}:{entry['sha256']}\n".encode())
    return digest.hexdigest()
