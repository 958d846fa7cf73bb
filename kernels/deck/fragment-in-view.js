// A fragment shown below the bottom edge of a slide taller than the deck (deck.css lets such a
// slide scroll inside itself) would appear where nobody sees it, the presenter pressing on to an
// unseen point. Scroll the slide just enough to show what each step brought up.
import { scrollTarget } from "./slide-scroll.js";

export default () => ({
  id: "talkbook-fragment-in-view",
  init(deck) {
    deck.on("fragmentshown", ({ fragments }) => {
      const slide = deck.getCurrentSlide();
      const shown = fragments.filter((fragment) => slide?.contains(fragment));
      if (!shown.length) return;
      const to = scrollTarget(slide, shown[0], shown.at(-1));
      if (to !== null && Math.abs(to - slide.scrollTop) >= 1) slide.scrollTop = to; // glides (deck.css)
    });
  },
});
