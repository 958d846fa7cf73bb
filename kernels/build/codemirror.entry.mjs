// Everything the cell editor needs from CodeMirror 6, bundled into one ES module
// (assets/vendor/codemirror/<version>/codemirror.mjs) that pages import only when
// a learner starts editing.
export { EditorView, keymap } from "@codemirror/view";
export { EditorState, Prec } from "@codemirror/state";
export { basicSetup } from "codemirror";
export { python } from "@codemirror/lang-python";
export { javascript } from "@codemirror/lang-javascript";
export { indentUnit } from "@codemirror/language";
