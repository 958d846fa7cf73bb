// A cell run on a slide shows its output (a sketch's canvas, a chart, printed lines) under its
// code, often past the bottom of the 1280x720 slide, which then scrolls inside itself (deck.css).
// The presenter should not have to scroll to what they just ran: while that output grows, scroll
// the slide just enough to show it, keeping the cell's buttons (Stop, the status) in view above
// it; the code scrolls away instead, and the wheel brings it back.
//
// Following ends as soon as the presenter scrolls, clicks, touches or types, or leaves the slide:
// from then on where the slide stands is theirs. Runs before the presenter ever touched the deck
// (a cell's autorun as the deck opens) are not followed: the slide opens at its title.

import { scrollTarget } from "./slide-scroll.js";

const RUNNING = new Set(["starting", "running"]);

export default () => ({
  id: "talkbook-output-in-view",
  init(deck) {
    let followed = null; // the cell whose output is being kept in view
    let stop = () => {};
    const end = (why) => {
      stop(why);
      stop = () => {};
      followed = null;
    };
    // Cells own their state (data-state); watching it keeps the cells' code free of the deck.
    new MutationObserver((records) => {
      const slide = deck.getCurrentSlide();
      for (const { target: cell } of records) {
        if (cell === followed || !RUNNING.has(cell.dataset.state) || !slide?.contains(cell)) continue;
        if (navigator.userActivation && !navigator.userActivation.hasBeenActive) continue;
        end();
        followed = cell;
        stop = follow(slide, cell, end);
      }
    }).observe(deck.getSlidesElement(), { subtree: true, attributeFilter: ["data-state"] });
    deck.on("slidechanged", end);
    deck.on("overviewshown", end);
    // A click or a key elsewhere (into the editor, say) is the presenter at work on something
    // else. Capture: a cell stops its own key events from bubbling (its keys are the editor's).
    // Playing with a sketch happens in its frame, whose events never get here: it stays in view.
    for (const type of ["pointerdown", "keydown"]) {
      window.addEventListener(type, end, { capture: true, passive: true });
    }
  },
});

// Keep `cell`'s output in view on `slide` each time it changes size; returns the way to stop.
// Any scroll of the slide that is not one of ours (the wheel, even over a sketch's frame, whose
// events never reach this page; a finger; the scrollbar) is the presenter's, and ends it.
function follow(slide, cell, end) {
  const output = cell.querySelector(":scope > .talkbook-cell__output");
  if (!output) return () => {};
  const anchor = cell.querySelector(":scope > .talkbook-cell__bar") ?? output;
  let last = slide.scrollTop; // where the slide was seen; reading it settles a clamp from the cleared output
  let trip = null; // where our own scroll was sent, until the slide is seen there
  const observer = new ResizeObserver(() => {
    const to = scrollTarget(slide, anchor, output); // null: cleared for the new run
    if (to === null || Math.abs(to - slide.scrollTop) < 1) return;
    trip = { to, way: Math.sign(to - slide.scrollTop) };
    // At once, not gliding: a presenter who wheels while a glide is on its way would have the
    // glide carry on against them (Chromium lets a programmatic smooth scroll finish).
    slide.scrollTo({ top: to, behavior: "instant" });
  });
  const onScroll = () => {
    const now = slide.scrollTop;
    // Ours moves one way, step by step, and stops where it was sent.
    const ours = trip ? (now - last) * trip.way >= -1 && (now - trip.to) * trip.way <= 1 : Math.abs(now - last) < 1;
    if (!ours) return end("scrolled");
    last = now;
    if (trip && Math.abs(now - trip.to) < 1) trip = null;
  };
  observer.observe(output);
  slide.addEventListener("scroll", onScroll, { passive: true });
  return (why) => {
    observer.disconnect();
    slide.removeEventListener("scroll", onScroll);
    // Our scrolls are instant, but a scroll event may still be on its way: settle where it is,
    // unless the presenter scrolled (pinning would cut their scroll short).
    if (trip && why !== "scrolled") slide.scrollTo({ top: slide.scrollTop, behavior: "instant" });
  };
}
