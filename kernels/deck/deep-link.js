// A deep link (/slides/#/try-a-neuron) opened on a phone: reveal.js's scroll view lays the
// slides out after it reads the address, then reports the title slide as current and rewrites
// the address. Go to the linked slide once the deck is ready.
export default (hash) => ({
  id: "talkbook-deep-link",
  init(deck) {
    const id = decodeURIComponent(hash.replace(/^#\/?/, "").split("/")[0]);
    if (!id) return;
    deck.on("ready", () => {
      const slide = document.getElementById(id);
      if (!deck.isScrollView() || !slide || deck.getCurrentSlide() === slide) return;
      // Once the scroll view's pages have their heights (a slide with fragments is several
      // screens tall), scroll the viewport to the linked slide's page.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const page = slide.closest(".scroll-page");
        if (page) deck.getViewportElement().scrollTop = page.offsetTop;
      }));
    });
  },
});
