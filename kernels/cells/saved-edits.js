// The learner's edits and passed exercises, kept in localStorage.
//
// An edit is stored with the hash of the course's code it was made on
// (talkbook:edit:<Markdown page>:<cell id> -> {hash, code}), so a changed course never loads
// a stale edit silently: the cell shows the new code and says so.

const PREFIX = "talkbook:";

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(PREFIX + key) ?? "null");
  } catch {
    return null; // storage disabled, or an entry from elsewhere: behave as if nothing was saved
  }
}

function write(key, value) {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: editing still works, it just is not kept.
  }
}

const editKey = (page, cell) => `edit:${page}:${cell}`;

// {code} for an edit made on this very code, {stale: code} for one made on older code, or null.
export function loadEdit(page, cell, hash) {
  const saved = read(editKey(page, cell));
  if (!saved || typeof saved.code !== "string") return null;
  return saved.hash === hash ? { code: saved.code } : { stale: saved.code };
}

export function saveEdit(page, cell, hash, code) {
  write(editKey(page, cell), { hash, code });
}

export function forgetEdit(page, cell) {
  write(editKey(page, cell), null);
}

const passKey = (page, cell) => `passed:${page}:${cell}`;

export function hasPassed(page, cell, hash) {
  return read(passKey(page, cell))?.hash === hash;
}

export function rememberPass(page, cell, hash) {
  write(passKey(page, cell), { hash, at: new Date().toISOString() });
}
