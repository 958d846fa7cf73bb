// A cell's output area. The learner's code is untrusted: everything it produces is
// set as text (textContent), never parsed as HTML.

export class OutputView {
  constructor(element) {
    this.element = element;
    this.lastStream = null;
    this.charts = new Map();
  }

  clear() {
    this.element.replaceChildren();
    this.lastStream = null;
    this.charts.clear();
  }

  // stdout/stderr arrive as whole lines; consecutive lines of one stream share a <pre>.
  stream({ name, text }) {
    if (this.lastStream?.dataset.stream !== name) {
      this.lastStream = this.#block("pre", `talkbook-out talkbook-out--${name}`);
      this.lastStream.dataset.stream = name;
    }
    this.lastStream.append(document.createTextNode(text));
  }

  result(value) {
    if (value !== null && value !== undefined) this.#block("pre", "talkbook-out talkbook-out--result").textContent = value;
  }

  error({ error, interrupted, stateLost, restarted }) {
    if (restarted) {
      const why = restarted === "memory" ? "Python ran out of memory" : "Python stopped unexpectedly";
      this.notice(`${why} and was restarted, so every variable from earlier cells is gone: run them again.`, "warning");
    } else if (stateLost) {
      this.notice("Stopped. Python had to restart to stop this code, so every variable from earlier cells is gone: run them again.", "warning");
    } else if (interrupted) {
      this.notice("Stopped.", "info");
    }
    const text = error.traceback || `${error.name}: ${error.message}`;
    if (!interrupted || error.traceback) this.#block("pre", "talkbook-out talkbook-out--error").textContent = text;
  }

  notice(text, kind = "info") {
    const note = this.#block("p", `talkbook-out talkbook-out--notice talkbook-out--${kind}`);
    note.textContent = text;
    this.lastStream = null;
    return note;
  }

  // input(): a text field in the output; resolves with the answer (or null if dismissed).
  ask(prompt) {
    const form = this.#block("form", "talkbook-out talkbook-input");
    const label = document.createElement("label");
    const field = document.createElement("input");
    label.textContent = prompt || "input()";
    field.type = "text";
    field.className = "talkbook-input__field";
    label.append(field);
    form.append(label);
    field.focus();
    return new Promise((resolve) => {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        form.remove();
        resolve(field.value);
      }, { once: true });
    });
  }

  display(message) {
    if (message.type === "element") this.#element(message.element);
    else if (message.type === "table") this.#table(message);
    else if (message.type === "chart") this.#chart(message);
    else if (message.type === "chart-add") this.charts.get(message.chart)?.then((chart) => chart.add(message));
    else if (message.type === "chart-update") this.charts.get(message.chart)?.then((chart) => chart.update?.(message));
  }

  // A JavaScript cell's sandbox frame: the kernel built it, and it holds the learner's canvas.
  #element(element) {
    this.element.append(element);
    this.lastStream = null;
  }

  #table({ columns, rows, more }) {
    const wrapper = this.#block("div", "talkbook-out talkbook-out--table md-typeset__table");
    const table = document.createElement("table");
    if (columns.length) table.createTHead().insertRow().append(...columns.map((c) => textCell("th", c)));
    const body = table.createTBody();
    for (const row of rows) body.insertRow().append(...row.map((value) => textCell("td", value)));
    wrapper.append(table);
    if (more) this.notice(`… and ${more} more rows.`);
  }

  #chart(message) {
    const box = this.#block("figure", "talkbook-out talkbook-out--chart");
    const pending = import("./charts.js").then(({ drawChart }) => drawChart(box, message));
    this.charts.set(message.chart, pending);
    pending.catch((error) => this.notice(`The chart could not be drawn: ${error.message}`, "warning"));
  }

  #block(tag, className) {
    const element = document.createElement(tag);
    element.className = className;
    this.element.append(element);
    this.lastStream = null; // stream() sets it again for its own block
    return element;
  }
}

function textCell(tag, value) {
  const cell = document.createElement(tag);
  cell.textContent = String(value);
  return cell;
}
