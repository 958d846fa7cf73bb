// Exercises: hidden checks run after the learner's code, a hint and then the reference
// solution on demand, and passes remembered in the browser.
import { hasPassed, rememberPass } from "./saved-edits.js";

// Give every cell that has checks or a solution its exercise controls.
export function attachExercises(root, cells) {
  const checks = findAttachments(root, "check");
  const solutions = findAttachments(root, "solution");
  for (const cell of cells) {
    const key = `${cell.origin}|${cell.id}`;
    if (checks.has(key) || solutions.has(key)) {
      attachExercise(cell, { checks: checks.get(key), solution: solutions.get(key) });
    }
  }
}

// Checks and solutions are hidden elements beside the page's cells, tied to a cell by its id.
function findAttachments(root, kind) {
  const found = new Map();
  for (const element of root.querySelectorAll(`[data-talkbook-${kind}-for]`)) {
    const key = `${element.dataset.page || location.pathname}|${element.getAttribute(`data-talkbook-${kind}-for`)}`;
    found.set(key, (found.get(key) ?? "") + element.dataset.source);
  }
  return found;
}

function attachExercise(view, { checks, solution }) {
  view.checks = checks;
  view.element.classList.add("talkbook-cell--exercise");
  const bar = view.element.querySelector(".talkbook-cell__bar");
  const badge = element("span", "talkbook-cell__passed", "✓ Passed");
  badge.hidden = !hasPassed(view.origin, view.id, view.hash);
  bar.insertBefore(badge, bar.querySelector(".talkbook-cell__status"));
  const solutionButton = solution ? button("solution", "Show solution", () => showSolution(view, solution)) : null;
  if (view.hint) {
    const hintButton = button("hint", "Hint", () => {
      hintButton.hidden = true;
      const hint = element("p", "talkbook-cell__hint-text", view.hint);
      bar.after(hint);
      if (solutionButton) solutionButton.hidden = false;
    });
    bar.insertBefore(hintButton, badge);
  }
  if (solutionButton) {
    solutionButton.hidden = Boolean(view.hint); // the hint first, then the solution
    bar.insertBefore(solutionButton, badge);
  }
  view.resultListeners.push((result) => showChecks(view, result, badge));
}

function showChecks(view, result, badge) {
  if (!result.ok) {
    view.output.notice("Fix the error above, then run again to check your answer.", "info");
    return;
  }
  const list = element("ul", "talkbook-out talkbook-checks");
  for (const check of result.checks ?? []) {
    const item = element("li", `talkbook-check talkbook-check--${check.passed ? "pass" : "fail"}`);
    item.append(element("span", "talkbook-check__mark", check.passed ? "✓ " : "✗ "), element("span", "", check.message));
    if (!check.passed && check.detail) item.append(element("span", "talkbook-check__detail", ` (${check.detail})`));
    list.append(item);
  }
  view.output.element.append(list);
  const passed = (result.checks ?? []).length > 0 && result.checks.every((check) => check.passed);
  view.element.dataset.exercise = passed ? "passed" : "failed";
  if (passed) {
    rememberPass(view.origin, view.id, view.hash);
    badge.hidden = false;
  }
}

function showSolution(view, solution) {
  view.element.querySelector(".talkbook-cell__solution-box")?.remove();
  const box = element("div", "talkbook-cell__solution-box");
  box.append(element("p", "", "A reference solution:"), element("pre", "", solution));
  box.append(button("use-solution", "Put it in the editor", async () => {
    const editor = await view.startEditing();
    if (editor) editor.setCode(solution);
    else view.code = solution;
  }));
  view.element.querySelector(".talkbook-cell__output").before(box);
}

function button(action, label, onClick) {
  const b = element("button", `md-button talkbook-cell__${action}`, label);
  b.type = "button";
  b.dataset.action = action;
  b.addEventListener("click", onClick);
  return b;
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
