// The cells of one page: a shared namespace, hidden setup cells, Run all above, autorun.
// Loaded by cells.js only on pages that have cells.
import { pythonKernel } from "./python-kernel.js";
import { CellView } from "./cell-view.js";
import { attachExercise, findAttachments } from "./exercise.js";
import { addPageTools } from "./page-tools.js";

// page -> {generation, done}: setup cells ran in this kernel generation (kept across
// instant navigation, like the page's namespace in the kernel).
const setups = new Map();

// Tests and the benchmark look at the kernel here (how often it started, and so on).
window.talkbookCells = { kernel: pythonKernel };

export function setUpPage(root = document) {
  const page = location.pathname;
  const elements = [...root.querySelectorAll("[data-talkbook-cell]")].filter((el) => !el.talkbookCell);
  if (!elements.length) return;
  const session = new PageSession(page);
  session.cells = elements.map((element) => new CellView(element, page, session));
  const checks = findAttachments(root, "check");
  const solutions = findAttachments(root, "solution");
  for (const cell of session.cells) {
    if (checks.has(cell.id) || solutions.has(cell.id)) {
      attachExercise(cell, { checks: checks.get(cell.id), solution: solutions.get(cell.id) });
    }
  }
  addPageTools(page, session.cells);
  session.autorun();
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
    await view.whenKernelReady();
    const known = setups.get(this.page);
    if (known?.generation === view.kernel.generation) return known.done;
    const done = (async () => {
      for (const cell of hidden) {
        const result = await cell.execute();
        if (!result.ok) view.output.notice(`This page's setup code failed: ${result.error.name}: ${result.error.message}`, "warning");
      }
    })();
    setups.set(this.page, { generation: view.kernel.generation, done });
    return done;
  }
}
