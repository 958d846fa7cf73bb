"""HTML of a cell before any script runs: the site's own highlighted code plus buttons.

The browser code (kernels/cells/) finds cells by ``data-talkbook-cell`` and reads
their source from ``data-source``, so the static page stays readable and
searchable and costs almost nothing until the learner runs something. Data lives
in attributes, not in ``<script type="application/json">``: mkdocs-material's
instant navigation re-creates every script of a new page without its type, and
would run the JSON as JavaScript.

Every cell and attachment names the Markdown page it was written on
(``data-page``): the deck joins the HTML of all chapters into one page, where
``cell-1`` of two chapters must stay two cells, each with its own saved edit.
"""

from __future__ import annotations

from html import escape

from talkbook.cells.cell import Cell


def render_cell(cell: Cell, highlighted: str, depends: bool, page: str, language: str = "python") -> str:
    """A run cell: highlighted code, a toolbar, its data and an (empty) output area."""
    attributes = {
        "class": "talkbook-cell",
        "data-talkbook-cell": "",
        "data-language": language,
        "data-page": page,
        "data-cell-id": cell.id,
        "data-hash": cell.source_hash,
        "data-source": cell.source,
    }
    if cell.hint:
        attributes["data-hint"] = cell.hint
    for flag in ("autorun", "hidden", "readonly"):
        if getattr(cell, flag):
            attributes[f"data-{flag}"] = ""
    if cell.timeout:
        attributes["data-timeout"] = f"{cell.timeout:g}"
    if cell.hidden:
        return f"<div {_attrs(attributes)} hidden></div>"
    return (
        f"<div {_attrs(attributes)}>"
        f'<div class="talkbook-cell__code">{highlighted}</div>'
        f"{_toolbar(depends)}"
        '<div class="talkbook-cell__output" aria-live="polite"></div>'
        "</div>"
    )


def render_attachment(cell: Cell, page: str) -> str:
    """Checks or a reference solution: data only, shown by the page when the learner asks."""
    attributes = {f"data-talkbook-{cell.kind}-for": cell.target, "data-page": page, "data-source": cell.source}
    return f"<div {_attrs(attributes)} hidden></div>"


def _toolbar(depends: bool) -> str:
    buttons = [
        _button("run", "Run", "Run this cell (Shift+Enter)", primary=True),
        _button("stop", "Stop", "Stop the running code", hidden=True),
        _button("reset", "Reset", "Put back the course's code"),
    ]
    if depends:
        buttons.append(_button("run-above", "Run all above", "This cell uses names from cells above it"))
    status = '<span class="talkbook-cell__status" role="status"></span>'
    return f'<div class="talkbook-cell__bar" data-search-exclude>{"".join(buttons)}{status}</div>'


def _button(action: str, label: str, title: str, primary: bool = False, hidden: bool = False) -> str:
    """Disabled until the page has wired the cell (cell-page.js): a press before then would be lost."""
    classes = "md-button md-button--primary" if primary else "md-button"
    return (
        f'<button type="button" class="{classes} talkbook-cell__{action}" data-action="{action}" '
        f'title="{escape(title)}" disabled{" hidden" if hidden else ""}>{label}</button>'
    )


def _attrs(attributes: dict[str, str]) -> str:
    return " ".join(f'{name}="{escape(value)}"' if value else name for name, value in attributes.items())
