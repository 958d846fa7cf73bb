// The cells of one page: a shared namespace, hidden setup cells, Run all above, autorun.
// Loaded by cells.js only on pages that have cells.
import { CellView } from "./cell-view.js";
import { addPageTools } from "./page-tools.js";

// page -> {generation, done}: setup cells ran in this kernel generation (kept across
// instant navigation, like the page's namespace in the kernel).
const setups = new Map();

export function setUpPage(root = document) {
  const page = location.pathname;
  const elements = [...root.querySelectorAll("[data-talkbook-cell]")].filter((el) => !el.talkbookCell);
  if (!elements.length) return;
  const session = new PageSession(page);
  session.cells = elements.map((element) => new CellView(element, page, session));
  addPageTools(session.cells);
  const exercises = root.querySelector("[data-talkbook-check-for], [data-talkbook-solution-for]")
    ? import("./exercise.js").then((exercise) => exercise.attachExercises(root, session.cells))
    : Promise.resolve();
  exercises.then(() => {
    for (const cell of session.cells) {
      // The buttons come disabled from the build: a press before this point had nowhere to go.
      for (const button of cell.element.querySelectorAll(":scope > .talkbook-cell__bar button")) button.disabled = false;
      cell.element.dataset.cellReady = ""; // tests wait for it
    }
    session.autorun();
  });
}

class PageSession {
  constructor(page) {
    this.page = page;
    this.cells = [];
  }

  async run(view) {
    await this.#setup(view);
    return view.execute({ checks: view.checks });
  }

  // Every visible cell above `view`, in order, then `view`; stops at the first error.
  async runAbove(view) {
    for (const cell of this.cells) {
      if (cell === view) break;
      if (cell.hidden) continue;
      const result = await this.run(cell);
      if (!result.ok) {
        view.output.clear();
        view.output.notice(`Cell "${cell.id}" above failed, so this one did not run.`, "warning");
        return result;
      }
    }
    return this.run(view);
  }

  async autorun() {
    for (const cell of this.cells.filter((c) => c.autorun)) await this.run(cell);
  }

  // Hidden setup cells run once per kernel generation, before the page's first run.
  async #setup(view) {
    const hidden = this.cells.filter((cell) => cell.hidden);
    if (!hidden.length || hidden.includes(view)) return;
    const kernel = await view.whenKernelReady();
    const known = setups.get(this.page);
    if (known?.generation === kernel.generation) return known.done;
    const done = (async () => {
      for (const cell of hidden) {
        const result = await cell.execute();
        if (!result.ok) view.output.notice(`This page's setup code failed: ${result.error.name}: ${result.error.message}`, "warning");
      }
    })();
    setups.set(this.page, { generation: kernel.generation, done });
    return done;
  }
}
