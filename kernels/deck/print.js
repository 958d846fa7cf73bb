// Printing the deck (open it with ?print-pdf, then print to PDF): one page per slide, or per
// fragment step, as reveal.js lays them out. A slide taller than the page (a long list, a big
// figure) is scaled down to fit its page instead of spilling over a second, nearly empty one.
export default () => ({
  id: "talkbook-print",
  init(deck) {
    deck.on("pdf-ready", () => fitPages(deck));
  },
});

function fitPages(deck) {
  const config = deck.getConfig();
  const size = deck.getComputedSlideSize(window.innerWidth, window.innerHeight);
  const pageHeight = Math.floor(size.height * (1 + config.margin));
  for (const page of document.querySelectorAll(".pdf-page")) {
    const slide = page.querySelector(":scope > section");
    if (!slide || slide.scrollHeight <= size.height) continue;
    // CSS zoom, not a transform: it changes the layout, so what prints is what was measured
    // (and reveal.js's print style forces `transform: none` on slides). The slide keeps its
    // width, so its lines wrap as measured; `left` and `top` are zoomed too, hence the division.
    const scale = size.height / slide.scrollHeight;
    const left = parseFloat(slide.style.left) || 0;
    slide.style.zoom = String(scale);
    slide.style.left = `${(left + (size.width - size.width * scale) / 2) / scale}px`;
    slide.style.top = `${Math.max((pageHeight - slide.scrollHeight * scale) / 2, 0) / scale}px`;
    page.style.height = `${pageHeight + (config.pdfPageHeightOffset ?? 0)}px`;
  }
  document.documentElement.setAttribute("data-talkbook-print", "ready"); // tests print once this is set
}
