// Follow mode: an audience window mirrors the presenter's window, with no server.
//
// Every deck window of this origin joins one BroadcastChannel. A window opened
// with ?follow only listens: it moves to whatever slide and fragment the
// presenter shows and ignores its own keyboard. Speaker-view frames (?receiver)
// neither send nor follow, or the "upcoming slide" preview would drag the
// audience one slide ahead.

const params = new URLSearchParams(location.search);

export default () => ({
  id: "talkbook-follow",
  init(deck) {
    if (params.has("receiver")) return;
    const channel = new BroadcastChannel(`talkbook-follow:${location.pathname}`);
    if (params.has("follow")) followPresenter(deck, channel);
    else leadAudience(deck, channel);
  },
});

function leadAudience(deck, channel) {
  const send = () => channel.postMessage({ type: "state", state: deck.getState() });
  for (const event of ["slidechanged", "fragmentshown", "fragmenthidden", "overviewshown", "overviewhidden", "paused", "resumed"]) {
    deck.on(event, send);
  }
  channel.addEventListener("message", (event) => {
    if (event.data?.type === "hello") send();
  });
  send();
}

function followPresenter(deck, channel) {
  document.documentElement.classList.add("talkbook-follower");
  deck.configure({ keyboard: false, touch: false, controls: false, hash: false });
  channel.addEventListener("message", (event) => {
    if (event.data?.type === "state") deck.setState(event.data.state);
  });
  channel.postMessage({ type: "hello" });
}
