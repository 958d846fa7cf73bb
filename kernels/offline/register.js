// Registers talkbook's service worker. The first script of every page, a classic one, so it
// runs before anything that needs cross-origin isolation. The build replaces the settings line.
(function (settings) {
  "use strict";
  var sw = navigator.serviceWorker;
  // Service workers need a secure context (https, or localhost / 127.0.0.1).
  if (!sw || !window.isSecureContext) return;
  var RELOADED = "talkbook-offline-reloaded";
  var here = document.currentScript.src;

  // The worker adds COOP/COEP, but only to pages it serves: a page loaded before it took
  // control is reloaded once. The flag stops a loop where isolation cannot be had at all.
  function reloadForIsolation() {
    if (!settings.isolation || window.crossOriginIsolated !== false) return;
    if (sessionStorage.getItem(RELOADED)) return;
    sessionStorage.setItem(RELOADED, "1");
    window.location.reload();
  }
  if (window.crossOriginIsolated) sessionStorage.removeItem(RELOADED);

  // The worker caches the site's pages in the background; a page's message keeps it alive to finish.
  function controlled() {
    sw.controller.postMessage({ type: "talkbook:precache" });
    reloadForIsolation();
  }
  sw.register(new URL(settings.worker, here).href).then(function () {
    if (sw.controller) controlled();
    else sw.addEventListener("controllerchange", controlled, { once: true });
  }, function (error) {
    console.error("talkbook: the offline service worker did not register:", error);
  });
})(/* settings */ { worker: "talkbook-sw.js", isolation: false });
