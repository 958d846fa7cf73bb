"""Charts and tables in a cell's output (the page draws them with uPlot).

    import viz
    chart = viz.line_chart("Loss", y_label="loss")   # an empty chart, shown at once
    for epoch in range(100):
        chart.add(train_one_epoch())                  # the curve grows while the loop runs

    viz.line([0.9, 0.5, 0.3], title="Loss")            # a finished line chart
    viz.scatter(xs, ys, groups=labels, title="Colours") # one colour per group
    viz.table([[1, "red"], [2, "blue"]], columns=["id", "colour"])

Outside the browser (tests under CPython) nothing is drawn and nothing fails.
"""

from __future__ import annotations

import itertools

import talkbook_kernel

_ids = itertools.count(1)
MAX_ROWS = 500


class LineChart:
    """A line chart that grows point by point; each ``add`` is drawn as it happens."""

    def __init__(self, title: str = "", series: list[str] | None = None, x_label: str = "epoch",
                 y_label: str = ""):
        self.id = f"chart-{next(_ids)}"
        self.series = list(series or [y_label or "value"])
        self.count = 0
        talkbook_kernel.send("chart", {
            "chart": self.id, "kind": "line", "title": str(title), "series": self.series,
            "x_label": str(x_label), "y_label": str(y_label), "x": [], "ys": [[] for _ in self.series],
        })

    def add(self, *values: float, x: float | None = None) -> None:
        """Append one point per series (x defaults to 1, 2, 3, ...)."""
        if len(values) != len(self.series):
            raise ValueError(f"this chart has {len(self.series)} series, so add() takes {len(self.series)} values")
        self.count += 1
        point_x = self.count if x is None else float(x)
        talkbook_kernel.send("chart-add", {"chart": self.id, "x": point_x, "ys": [_number(v) for v in values]})


def line_chart(title: str = "", series: list[str] | None = None, x_label: str = "epoch",
               y_label: str = "") -> LineChart:
    return LineChart(title, series, x_label, y_label)


def line(ys, xs=None, title: str = "", x_label: str = "", y_label: str = "", labels=None, log_y: bool = False) -> None:
    """A finished line chart of ``ys`` (one list, or several lists for several lines).

    ``labels`` names the lines in the legend; ``log_y`` draws the y axis on a log scale, so that
    curves of very different sizes (a loss of 5 beside one of 0.01) can all be read.
    """
    series = [list(ys)] if not ys or not isinstance(list(ys)[0], (list, tuple)) else [list(s) for s in ys]
    xs = list(xs) if xs is not None else list(range(1, len(series[0]) + 1))
    if labels is not None and len(list(labels)) != len(series):
        raise ValueError(f"{len(series)} lines but {len(list(labels))} labels")
    if log_y and any(_number(y) is not None and _number(y) <= 0 for s in series for y in s):
        raise ValueError("a log scale shows values above 0 only")
    names = [str(label) for label in labels] if labels is not None else (
        [y_label or "value"] if len(series) == 1 else [f"line {i + 1}" for i in range(len(series))])
    talkbook_kernel.send("chart", {
        "chart": f"chart-{next(_ids)}", "kind": "line", "title": str(title), "series": names,
        "x_label": str(x_label), "y_label": str(y_label), "y_log": bool(log_y),
        "x": [_number(x) for x in xs], "ys": [[_number(y) for y in s] for s in series],
    })


def scatter(xs, ys, groups=None, title: str = "", x_label: str = "", y_label: str = "") -> None:
    """Points at (x, y); ``groups`` gives each point a label, and each label a colour."""
    xs, ys = [_number(x) for x in xs], [_number(y) for y in ys]
    if len(xs) != len(ys):
        raise ValueError(f"{len(xs)} x values but {len(ys)} y values")
    labels = [str(g) for g in groups] if groups is not None else ["points"] * len(xs)
    names = sorted(set(labels), key=labels.index)
    talkbook_kernel.send("chart", {
        "chart": f"chart-{next(_ids)}", "kind": "scatter", "title": str(title),
        "x_label": str(x_label), "y_label": str(y_label), "series": names,
        "points": [[[x, y] for x, y, g in zip(xs, ys, labels) if g == name] for name in names],
    })


def table(rows, columns=None) -> None:
    """Rows (lists, or dicts keyed by column) as a table; the first 500 rows are shown."""
    rows = list(rows)
    if columns is None and rows and isinstance(rows[0], dict):
        columns = list(rows[0])
    if rows and isinstance(rows[0], dict):
        rows = [[row.get(c, "") for c in columns] for row in rows]
    talkbook_kernel.send("table", {
        "columns": [str(c) for c in columns or []],
        "rows": [[_cell(value) for value in row] for row in rows[:MAX_ROWS]],
        "more": max(0, len(rows) - MAX_ROWS),
    })


def _number(value) -> float | None:
    number = float(value)
    return number if number == number and abs(number) != float("inf") else None


def _cell(value) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)
