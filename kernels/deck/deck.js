// Entry point of the deck page: start reveal.js with talkbook's plugins.
import Reveal from "reveal.js";
import RevealNotes from "reveal.js/plugin/notes";
import DeepLink from "./deep-link.js";
import Follow from "./follow.js";
import FragmentInView from "./fragment-in-view.js";
import OutputInView from "./output-in-view.js";
import Palette from "./palette.js";
import Print from "./print.js";

const settings = JSON.parse(document.getElementById("talkbook-deck-config").textContent);
const linked = location.hash; // before reveal.js rewrites it

const deck = new Reveal(document.querySelector(".reveal"), {
  ...settings.reveal,
  plugins: [
    RevealNotes, Follow, () => Palette(settings.palettes), Print, () => DeepLink(linked),
    OutputInView, FragmentInView,
  ],
});

// Cells and widgets look for the running deck here (and tests wait for it).
window.talkbookDeck = deck;
deck.initialize().then(() => document.documentElement.setAttribute("data-talkbook-deck", "ready"));
