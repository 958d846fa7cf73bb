// Typeset math written for pymdownx.arithmatex (generic mode) with the self-hosted KaTeX.
//
// Runs on first load, on every mkdocs-material instant navigation (document$),
// and inside the deck, where there is no document$.

const DELIMITERS = /^\\[([]([\s\S]*)\\[)\]]$/;

function typeset(root) {
  if (!globalThis.katex) return;
  for (const element of root.querySelectorAll(".arithmatex:not([data-talkbook-math])")) {
    const source = element.textContent.trim();
    const match = source.match(DELIMITERS);
    const display = element.tagName === "DIV";
    try {
      katex.render(match ? match[1] : source, element, { displayMode: display, throwOnError: false });
      element.setAttribute("data-talkbook-math", "");
    } catch (error) {
      element.title = String(error);
    }
  }
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(() => typeset(document));
else typeset(document);
