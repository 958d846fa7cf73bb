// Start-up progress of a kernel, in words: bytes while Python downloads, then the stage.

// Calls say(text) on every "progress" event of `kernel`; returns a function that stops.
export function followProgress(kernel, say) {
  const files = new Map();
  const listener = ({ detail }) => {
    if (detail.stage === "download") {
      files.set(detail.file, detail);
      const loaded = sum([...files.values()].map((file) => file.loaded));
      const total = sum([...files.values()].map((file) => file.total || file.loaded));
      say(`Loading Python: ${megabytes(loaded)} of ${megabytes(total)} MB downloaded`);
    } else {
      say(detail.stage === "install" ? "Installing the course's packages…" : "Starting Python…");
    }
  };
  kernel.events?.addEventListener("progress", listener);
  return () => kernel.events?.removeEventListener("progress", listener);
}

const sum = (numbers) => numbers.reduce((total, n) => total + n, 0);
const megabytes = (bytes) => (bytes / 1e6).toFixed(1);
