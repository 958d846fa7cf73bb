// Models by name: assets/models/index.json, then each model's files, checked against its card.
//
// The files are fetched here rather than by tf.loadLayersModel so that each one can be
// checked against the sha256 the build recorded in card.json: a truncated or altered
// download is reported as such instead of giving wrong predictions.
import settings from "./settings.js";

const indexes = new Map();

/** fetch + JSON with errors that say which file failed and how. */
export async function fetchJson(url, what) {
  return JSON.parse(new TextDecoder().decode(await fetchBytes(url, what)));
}

/** The bytes at `url`; onBytes(count) is told of each chunk as it arrives. */
async function fetchBytes(url, what, onBytes = null) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`${what}: could not fetch ${url} (${error.message})`);
  }
  if (!response.ok) throw new Error(`${what}: ${url} answered ${response.status} ${response.statusText}`.trim());
  try {
    return onBytes && response.body ? await readCounting(response.body, onBytes) : await response.arrayBuffer();
  } catch (error) {
    throw new Error(`${what}: the download of ${url} broke off (${error.message})`);
  }
}

async function readCounting(body, onBytes) {
  const reader = body.getReader();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onBytes(value.byteLength);
  }
  return concat(chunks);
}

/** The catalogue; its URLs are made absolute (they are relative to index.json). */
export function loadIndex(indexUrl = settings.index) {
  if (!indexes.has(indexUrl)) {
    const loading = fetchJson(indexUrl, "model index").then((index) => ({
      url: indexUrl,
      models: index.models.map((entry) => withUrls(entry, indexUrl)),
    }));
    loading.catch(() => indexes.delete(indexUrl));  // a failed fetch may be retried
    indexes.set(indexUrl, loading);
  }
  return indexes.get(indexUrl);
}

function withUrls(entry, indexUrl) {
  const at = (path) => new URL(path, indexUrl).href;
  return { ...entry, modelUrl: at(entry.url), cardUrl: at(entry.card), metadataUrl: at(entry.metadata), examplesUrl: at(entry.examples) };
}

export async function findModel(name, indexUrl = settings.index) {
  const { models } = await loadIndex(indexUrl);
  const entry = models.find((model) => model.name === name);
  if (!entry) throw new Error(`no model named "${name}" (models: ${models.map((m) => m.name).join(", ") || "none"})`);
  return entry;
}

/**
 * card.json plus the TF.js artifacts for tf.io.fromMemory, every file checked against the card.
 * onProgress({loaded, total}) follows the download in bytes: the weights are megabytes for
 * an image model, and the card says how many before they arrive.
 */
export async function fetchArtifacts(entry, { onProgress = () => {} } = {}) {
  const card = await fetchJson(entry.cardUrl, `model card of "${entry.name}"`);
  const modelBytes = await fetchBytes(entry.modelUrl, `model "${entry.name}"`);
  await check(card, "model.json", modelBytes, entry.name);
  let modelJson;
  try {
    modelJson = JSON.parse(new TextDecoder().decode(modelBytes));
  } catch {
    throw new Error(`model "${entry.name}": model.json is not valid JSON`);
  }
  const groups = modelJson.weightsManifest ?? [];
  const paths = groups.flatMap((group) => group.paths);
  const progress = { loaded: modelBytes.byteLength, total: modelBytes.byteLength };
  for (const path of paths) progress.total += card.files?.[path]?.bytes ?? 0;
  onProgress({ ...progress });
  const counted = (count) => {
    progress.loaded += count;
    onProgress({ ...progress });
  };
  // All shards at once: a browser fetches a few in parallel over HTTP/1.1, many over HTTP/2.
  const shards = await Promise.all(paths.map(async (path) => {
    const bytes = await fetchBytes(new URL(path, entry.modelUrl).href, `weights of "${entry.name}"`, counted);
    await check(card, path, bytes, entry.name);
    return new Uint8Array(bytes);
  }));
  const artifacts = {
    modelTopology: modelJson.modelTopology,
    weightSpecs: groups.flatMap((group) => group.weights),
    weightData: concat(shards),
  };
  return { card, artifacts };
}

async function check(card, name, bytes, model) {
  const recorded = card.files?.[name];
  if (!recorded) throw new Error(`model "${model}": ${name} is not listed in its card`);
  if (bytes.byteLength !== recorded.bytes) {
    throw new Error(`model "${model}": ${name} has ${bytes.byteLength} bytes, its card says ${recorded.bytes}`);
  }
  // crypto.subtle exists only in secure contexts (https, localhost); elsewhere the size check stands alone.
  if (!globalThis.crypto?.subtle) return;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  if (hex !== recorded.sha256) throw new Error(`model "${model}": ${name} is corrupt (its sha256 differs from the card's)`);
}

function concat(parts) {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined.buffer;
}
