// The cell editor: CodeMirror 6, bundled into one module that is fetched only when a
// learner first clicks into (or tabs to) a cell's code.
import settings from "./settings.js";

let codemirror = null;

export async function createEditor({ code, readOnly, onChange, onRun, label, language = "python" }) {
  codemirror ??= import(settings.codemirror);
  const { EditorView, EditorState, Prec, basicSetup, indentUnit, keymap, python, javascript } = await codemirror;
  const runKeys = keymap.of([{ key: "Shift-Enter", run: () => (onRun(), true) }]);
  const view = new EditorView({
    state: EditorState.create({
      doc: code,
      extensions: [
        Prec.highest(runKeys), // before basicSetup's Enter, which would add a line
        basicSetup,
        language === "javascript" ? javascript() : python(),
        indentUnit.of(language === "javascript" ? "  " : "    "),
        EditorState.readOnly.of(readOnly),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((update) => update.docChanged && onChange(update.state.doc.toString())),
      ],
    }),
  });
  return {
    element: view.dom,
    getCode: () => view.state.doc.toString(),
    setCode: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
  };
}
