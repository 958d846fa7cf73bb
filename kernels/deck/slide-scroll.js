// Where a slide taller than the deck (deck.css lets it scroll inside itself) should stand to show
// what the presenter just brought up: the least scroll that shows the lower edge of `last`, but
// never so far that the upper edge of `first` goes out at the top; when the two cannot both fit,
// `first` wins. null while there is nothing to show (`last` has no height).

const MARGIN = 12; // slide pixels kept between the slide's edge and what is shown

export function scrollTarget(slide, first, last) {
  const end = last.getBoundingClientRect();
  if (end.height === 0) return null;
  const frame = slide.getBoundingClientRect();
  // reveal.js scales the slide to the window; scroll offsets are in unscaled slide pixels.
  const scale = frame.height / slide.offsetHeight || 1;
  const inSlide = (y) => (y - frame.top) / scale + slide.scrollTop;
  const lowest = inSlide(end.bottom) + MARGIN - slide.clientHeight;
  const highest = inSlide(first.getBoundingClientRect().top) - MARGIN;
  const max = slide.scrollHeight - slide.clientHeight;
  return Math.max(0, Math.min(Math.max(slide.scrollTop, lowest), highest, max));
}
