// Guard every loop in learner code so an endless one cannot freeze the page.
//
// The sandbox iframe shares the page's thread (browsers keep same-site frames in one
// process), so a `while (true) {}` there would freeze the Stop button too. Before a run,
// each loop body gets a call to __talkbookLoopGuard(), which throws once the sandbox has
// been busy for longer than its time limit without the event loop ever getting a turn.
// Inserting the calls on the lines they guard keeps the learner's line numbers.

const GUARD = "__talkbookLoopGuard();";
const LOOPS = new Set(["WhileStatement", "DoWhileStatement", "ForStatement", "ForInStatement", "ForOfStatement"]);

function* nodes(node) {
  if (!node || typeof node.type !== "string") return;
  yield node;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) yield* nodes(child);
    else if (value && typeof value === "object") yield* nodes(value);
  }
}

export async function guardLoops(code, acornUrl) {
  const { parse } = await import(acornUrl);
  let tree;
  try {
    tree = parse(code, { ecmaVersion: "latest", sourceType: "script", allowAwaitOutsideFunction: true });
  } catch {
    return code; // the browser reports the syntax error, with its line, when the code runs
  }
  const edits = [];
  for (const node of nodes(tree)) {
    if (!LOOPS.has(node.type)) continue;
    const body = node.body;
    if (body.type === "BlockStatement") edits.push([body.start + 1, GUARD]);
    else edits.push([body.start, `{${GUARD}`], [body.end, "}"]);
  }
  edits.sort((a, b) => b[0] - a[0]);
  let guarded = code;
  for (const [position, text] of edits) guarded = guarded.slice(0, position) + text + guarded.slice(position);
  return guarded;
}
