// One live cell on the page: its code (static, then an editor), buttons, status and output.
import settings from "./settings.js";
import { kernelFor } from "./kernel.js";
import { OutputView } from "./output.js";
import { followProgress } from "./progress.js";
import { forgetEdit, loadEdit, saveEdit } from "./saved-edits.js";

export class CellView {
  constructor(element, page, session) {
    this.element = element;
    this.page = page; // the kernel's namespace: the page in the address bar
    // Saved edits and passes belong to the Markdown page the cell was written on, so the
    // deck (all chapters joined) and a chapter share them, and ids of two chapters never clash.
    this.origin = element.dataset.page || page;
    this.session = session;
    this.id = element.dataset.cellId;
    this.hash = element.dataset.hash;
    this.original = element.dataset.source ?? "";
    this.hint = element.dataset.hint ?? "";
    this.code = this.original;
    this.hidden = element.hasAttribute("data-hidden");
    this.readOnly = element.hasAttribute("data-readonly");
    this.autorun = element.hasAttribute("data-autorun");
    this.timeout = Number(element.dataset.timeout) || Number(settings.timeout) || 0;
    this.language = element.dataset.language || "python";
    this.key = `${this.page}#${this.id}`; // unique in the deck, which joins many chapters' cells
    this.kernel = null; // imported on the first run: pages stay light until then
    this.codeArea = element.querySelector(".talkbook-cell__code");
    this.status = element.querySelector(".talkbook-cell__status");
    this.output = new OutputView(element.querySelector(".talkbook-cell__output") ?? document.createElement("div"));
    this.editor = null;
    this.resultListeners = [];
    element.talkbookCell = this;
    if (!this.hidden) this.#wire();
  }

  button(action) {
    return this.element.querySelector(`:scope > .talkbook-cell__bar [data-action="${action}"]`);
  }

  getCode() {
    return this.editor ? this.editor.getCode() : this.code;
  }

  // Load and start the kernel if needed, showing its progress in this cell's status.
  async whenKernelReady() {
    this.#setState("starting");
    this.kernel ??= await kernelFor(this.language);
    const stopProgress = followProgress(this.kernel, (text) => this.#say(text));
    await this.kernel.init().catch(() => {}); // a failed start is reported by run()
    stopProgress();
    return this.kernel;
  }

  async execute({ checks } = {}) {
    this.output.clear();
    this.stopRequested = false;
    try {
      await this.whenKernelReady();
    } catch (error) {
      this.output.notice(`This cell cannot run: ${error.message}`, "warning");
      this.#setState("failed");
      return { ok: false, error: { name: "KernelError", message: error.message, traceback: "" } };
    }
    if (this.stopRequested) {
      this.stopRequested = false;
      this.output.notice("Stopped before it started.", "info");
      this.#setState("failed");
      return { ok: false, interrupted: true, error: { name: "KeyboardInterrupt", message: "", traceback: "" } };
    }
    this.#setState("running");
    let timedOut = false;
    const timer = this.timeout > 0 && setTimeout(() => {
      timedOut = true;
      this.kernel.interrupt(this.key);
    }, this.timeout * 1000);
    const result = await this.kernel.run(
      { page: this.page, cell: this.id, code: this.getCode(), checks, timeout: this.timeout },
      {
        onStream: (message) => this.output.stream(message),
        onDisplay: (message) => this.output.display(message),
        onInput: (prompt) => this.output.ask(prompt),
        onNotice: (text) => this.output.notice(text, "warning"),
      },
    );
    clearTimeout(timer);
    if (result.ok) this.output.result(result.value);
    else {
      if (timedOut) this.output.notice(`Stopped after ${this.timeout} s, the time limit of this cell.`, "warning");
      this.output.error(result);
    }
    this.#setState(result.ok ? "done" : "failed");
    for (const listener of this.resultListeners) listener(result);
    return result;
  }

  stop() {
    // While Python still starts there is nothing to interrupt: do not run once it is ready.
    if (this.element.dataset.state === "starting") this.stopRequested = true;
    else this.kernel?.interrupt(this.key);
  }

  async reset() {
    forgetEdit(this.origin, this.id);
    this.code = this.original;
    this.editor?.setCode(this.original);
    this.output.clear();
  }

  // Swap the highlighted code for an editor (once); fetches CodeMirror on first use.
  startEditing({ focus = false } = {}) {
    if (this.readOnly) return Promise.resolve(null);
    this.editorReady ??= this.#createEditor().catch((error) => {
      this.output.notice(`The editor could not load (${error.message}); the cell still runs its code.`, "warning");
      return null;
    });
    return this.editorReady.then((editor) => (focus && editor?.focus(), editor));
  }

  async #createEditor() {
    const { createEditor } = await import("./editor.js");
    const editor = await createEditor({
      code: this.code,
      readOnly: this.readOnly,
      label: `${this.language === "javascript" ? "JavaScript" : "Python"} code of cell ${this.id}`,
      language: this.language,
      onRun: () => this.session.run(this),
      onChange: (code) => this.#remember(code),
    });
    this.codeArea.replaceChildren(editor.element);
    this.element.dataset.editor = "ready";
    this.editor = editor;
    return editor;
  }

  #remember(code) {
    this.code = code;
    if (code === this.original) {
      forgetEdit(this.origin, this.id);
    } else {
      saveEdit(this.origin, this.id, this.hash, code);
      this.element.dispatchEvent(new CustomEvent("talkbook-edit", { bubbles: true }));
    }
  }

  #wire() {
    this.button("run")?.addEventListener("click", () => this.session.run(this));
    this.button("run-above")?.addEventListener("click", () => this.session.runAbove(this));
    this.button("stop")?.addEventListener("click", () => this.stop());
    this.button("reset")?.addEventListener("click", () => this.reset());
    if (!this.readOnly) {
      this.codeArea.tabIndex = 0;
      this.codeArea.addEventListener("pointerdown", () => this.startEditing({ focus: true }), { once: true });
      this.codeArea.addEventListener("focusin", () => this.startEditing({ focus: true }), { once: true });
    }
    // Keys typed in a cell are the cell's: never slide or site shortcuts (reveal.js, material).
    for (const type of ["keydown", "keypress", "keyup"]) {
      this.element.addEventListener(type, (event) => {
        event.stopPropagation();
        if (type === "keydown" && event.key === "Enter" && event.shiftKey && !event.defaultPrevented
            && this.codeArea.contains(event.target)) {
          event.preventDefault();
          this.session.run(this);
        }
      });
    }
    this.#restoreEdit();
  }

  #restoreEdit() {
    const saved = loadEdit(this.origin, this.id, this.hash);
    if (saved?.code !== undefined) {
      this.code = saved.code;
      this.element.dataset.edited = "";
      this.startEditing();
    } else if (saved?.stale !== undefined) {
      const note = this.output.notice(
        "The course changed this cell since you edited it, so its new code is shown and your edit was not loaded. ",
        "warning",
      );
      note.classList.add("talkbook-cell__stale");
      const load = document.createElement("button");
      load.type = "button";
      load.className = "md-button talkbook-cell__load-stale";
      load.dataset.action = "load-stale";
      load.textContent = "Load my old edit";
      load.addEventListener("click", async () => {
        note.remove();
        this.code = saved.stale;
        (await this.startEditing())?.setCode(saved.stale);
      });
      note.append(load);
    }
  }

  #setState(state) {
    this.element.dataset.state = state;
    const running = state === "starting" || state === "running";
    const run = this.button("run");
    const stop = this.button("stop");
    if (run) run.disabled = running;
    if (stop) stop.hidden = !running;
    this.#say({ starting: "Starting Python…", running: "Running…" }[state] ?? "");
  }

  #say(text) {
    if (this.status) this.status.textContent = text;
  }
}
