// The page-level control: "Clear my edits on this page", above the page's first cell.
import { loadEdit } from "./saved-edits.js";

export function addPageTools(cells) {
  const editable = cells.filter((cell) => !cell.hidden && !cell.readOnly);
  if (!editable.length || editable[0].element.previousElementSibling?.matches(".talkbook-page-tools")) return;
  const bar = document.createElement("div");
  bar.className = "talkbook-page-tools";
  bar.setAttribute("data-search-exclude", "");
  const clear = document.createElement("button");
  clear.type = "button";
  clear.className = "md-button talkbook-page-tools__clear";
  clear.textContent = "Clear my edits on this page";
  clear.title = "Put back the course's code in every cell of this page";
  clear.disabled = !editable.some((cell) => loadEdit(cell.origin, cell.id, cell.hash) !== null);
  clear.addEventListener("click", () => {
    for (const cell of editable) cell.reset(); // reset() forgets the saved edit, stale ones too
    clear.disabled = true;
  });
  // Enable it as soon as the learner edits anything.
  for (const cell of editable) cell.element.addEventListener("talkbook-edit", () => (clear.disabled = false));
  bar.append(clear);
  editable[0].element.before(bar);
}
