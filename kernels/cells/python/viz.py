"""Charts and tables in a cell's output (the page draws them with uPlot).

    import viz
    chart = viz.line_chart("Loss", y_label="loss")   # an empty chart, shown at once
    for epoch in range(100):
        chart.add(train_one_epoch())                  # the curve grows while the loop runs

    viz.line([0.9, 0.5, 0.3], title="Loss")            # a finished line chart
    viz.scatter(xs, ys, groups=labels, title="Colours") # one colour per group
    viz.table([[1, "red"], [2, "blue"]], columns=["id", "colour"])

    boundary = viz.boundary_chart(["blue-ish", "red-ish"], points=xy, groups=labels)
    boundary.draw(lambda x, y: answer(x, y))            # shade what a model answers; again as it learns

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


class BoundaryChart:
    """What a model answers across a 2-D slice of its inputs: a grid shaded by the answer in each
    cell, with labelled points on top. Call ``draw`` again while the model learns: the boundary moves."""

    def __init__(self, classes, points=None, groups=None, title: str = "", x_label: str = "", y_label: str = "",
                 x_range=(0.0, 1.0), y_range=(0.0, 1.0), resolution: int = 24):
        self.id = f"chart-{next(_ids)}"
        self.classes = [str(c) for c in classes]
        n = int(resolution)
        (x0, x1), (y0, y1) = (float(v) for v in x_range), (float(v) for v in y_range)
        self.xs = [x0 + (i + 0.5) * (x1 - x0) / n for i in range(n)]  # the centre of each cell
        self.ys = [y0 + (j + 0.5) * (y1 - y0) / n for j in range(n)]
        marks = [[_number(x), _number(y), self._index(g)] for (x, y), g in zip(points or [], groups or [])]
        self.draws = 0
        talkbook_kernel.send("chart", {
            "chart": self.id, "kind": "boundary", "title": str(title), "classes": self.classes,
            "x_label": str(x_label), "y_label": str(y_label), "x_range": [x0, x1], "y_range": [y0, y1],
            "resolution": n, "points": marks,
        })

    def draw(self, predict) -> None:
        """Shade every cell by ``predict(x, y)``, which answers one of the classes."""
        grid = [[self._index(predict(x, y)) for x in self.xs] for y in self.ys]
        self.draws += 1
        talkbook_kernel.send("chart-update", {"chart": self.id, "grid": grid})

    def _index(self, answer) -> int:
        if str(answer) not in self.classes:
            raise ValueError(f"{answer!r} is not one of the chart's classes {self.classes}")
        return self.classes.index(str(answer))


def boundary_chart(classes, points=None, groups=None, **options) -> BoundaryChart:
    return BoundaryChart(classes, points, groups, **options)


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
