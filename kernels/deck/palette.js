// Light and dark for the deck, shared with the site.
//
// mkdocs-material keeps the reader's palette choice in localStorage under
// "<scope>.__palette"; the deck reads and writes the same entry (through
// material's own __md_get/__md_set helpers), so switching in one place switches
// both. Press "D" in the deck to cycle through the site's palettes.

export default (palettes) => ({
  id: "talkbook-palette",
  init(deck) {
    if (!palettes.length) return;
    const saved = globalThis.__md_get?.("__palette");
    let index = Number.isInteger(saved?.index) ? saved.index % palettes.length : preferredIndex(palettes);
    apply(palettes[index]);
    deck.addKeyBinding({ keyCode: 68, key: "D", description: "Switch light / dark" }, () => {
      index = (index + 1) % palettes.length;
      apply(palettes[index]);
      globalThis.__md_set?.("__palette", { index, color: palettes[index] });
    });
  },
});

function preferredIndex(palettes) {
  const match = palettes.findIndex((p) => p.media && matchMedia(p.media).matches);
  return match < 0 ? 0 : match;
}

function apply(palette) {
  for (const key of ["scheme", "primary", "accent"]) {
    if (palette[key]) document.body.setAttribute(`data-md-color-${key}`, palette[key].replace(" ", "-"));
  }
}
