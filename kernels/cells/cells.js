// Entry point, on every page of the site: find live cells and load the rest only if
// there are some, so a page costs a few kilobytes until a learner runs something.

function scan() {
  if (document.querySelector("[data-talkbook-cell]")) {
    import("./cell-page.js").then(({ setUpPage }) => setUpPage(document));
  }
}

// mkdocs-material emits document$ for the first page and for every page reached by
// instant navigation (the document, and so the kernel, stay). The deck has no material
// bundle, so it is scanned once.
if (window.document$?.subscribe) window.document$.subscribe(scan);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
else scan();
