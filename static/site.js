// Progressive enhancements only: the site works without this file.
(function () {
  "use strict";

  // Quick exit: leave at once and replace this page in the history, so Back does not
  // bring it back. Esc pressed three times in a row does the same.
  var exitLink = document.querySelector("[data-quick-exit]");
  if (!exitLink) { return; }

  function quickExit(event) {
    if (event) { event.preventDefault(); }
    document.body.hidden = true;
    try { window.sessionStorage.clear(); } catch (ignored) { /* storage may be disabled */ }
    window.location.replace(exitLink.href);
  }

  exitLink.addEventListener("click", quickExit);

  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { presses = 0; }, 2000);
    if (presses >= 3) { quickExit(event); }
  });
}());
