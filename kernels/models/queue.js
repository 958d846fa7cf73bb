// TF.js has one active backend per page. Widgets using different backends take turns:
// each task sets its backend and finishes (awaits included) before the next one starts.

let queue = Promise.resolve();
let pending = 0;

export function exclusive(task) {
  pending += 1;
  const run = queue.then(task, task).finally(() => { pending -= 1; });
  queue = run.catch(() => {});
  return run;
}

/** True when no task is queued or running: a synchronous one may then run at once. */
export function idle() {
  return pending === 0;
}

/** Switch only when needed: tf.setBackend re-registers every kernel even for the active one. */
export async function useBackend(tf, backend) {
  if (tf.getBackend() !== backend) await tf.setBackend(backend);
}
