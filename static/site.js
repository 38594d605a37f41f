// Progressive enhancements only: the site works without this file.
(function () {
  "use strict";

  // Quick exit: leave at once and replace this page in the history, so Back does not
  // bring it back. Esc pressed three times in a row does the same.
  var exitLink = document.querySelector("[data-quick-exit]");
  if (!exitLink) { return; }

  // Clear what the page can: session storage, this site's offline copies, its service worker.
  // Leaving never waits more than a moment for that.
  function clearTraces() {
    try { window.sessionStorage.clear(); } catch (ignored) { /* storage may be disabled */ }
    var work = [];
    if (window.caches) {
      work.push(window.caches.keys().then(function (names) {
        return Promise.all(names.map(function (name) { return window.caches.delete(name); }));
      }));
    }
    if (navigator.serviceWorker) {
      work.push(navigator.serviceWorker.getRegistrations().then(function (registrations) {
        return Promise.all(registrations.map(function (registration) { return registration.unregister(); }));
      }));
    }
    return Promise.race([Promise.all(work), new Promise(function (done) { window.setTimeout(done, 300); })]);
  }

  function quickExit(event) {
    if (event) { event.preventDefault(); }
    document.body.hidden = true;
    clearTraces().then(leave, leave);
  }

  function leave() { window.location.replace(exitLink.href); }

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

// Self-check: answers live only in the page, never on the server.
(function () {
  "use strict";

  // A refresh should not resend the answers (the "confirm resubmission" prompt): make this
  // history entry a plain GET, which explains that answers are not kept and offers a restart.
  if (document.querySelector("[data-selfcheck-page]") && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.href);
  }

  // Back can bring a page back from the browser's back/forward cache exactly as it was, answers
  // and all, even after "Clear my answers". Answers are never kept: load the page afresh instead
  // (a plain GET, see above), hiding it until then.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.querySelector("[data-selfcheck-page], [data-selfcheck-result]:not([hidden])")) {
      document.body.hidden = true;
      window.location.reload();
    }
  });

  // The error summary takes focus, so it is read out and Tab continues from there.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // "None of these" cannot be ticked together with another answer.
  document.querySelectorAll("input[type=checkbox][data-exclusive]").forEach(function (none) {
    var others = document.querySelectorAll("input[type=checkbox][name='" + none.name + "']:not([data-exclusive])");
    none.addEventListener("change", function () {
      if (none.checked) { others.forEach(function (box) { box.checked = false; }); }
    });
    others.forEach(function (box) {
      box.addEventListener("change", function () { if (box.checked) { none.checked = false; } });
    });
  });

  // Print the "to show a doctor" summary (without JavaScript, a sentence points to the browser's print).
  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    document.querySelectorAll("[data-print-hint]").forEach(function (hint) { hint.hidden = true; });
    printButton.addEventListener("click", function () { window.print(); });
  }
}());

// Share kit: copy the link, or hand it to the phone's own share sheet (Web Share API).
(function () {
  "use strict";
  var tools = document.querySelector("[data-share-tools]");
  if (!tools) { return; }
  var status = tools.querySelector(".copy-status");
  var copy = tools.querySelector("[data-copy]");
  var share = tools.querySelector("[data-share]");
  if (navigator.clipboard) {
    tools.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.dataset.copy).then(function () { status.textContent = copy.dataset.copied; });
    });
  } else {
    copy.hidden = true;
  }
  if (navigator.share) {
    tools.hidden = false;
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ url: share.dataset.share }).catch(function () { /* the visitor closed the sheet */ });
    });
  }
}());

// Offline: keep this edition's key pages so the site opens without a connection.
(function () {
  "use strict";
  var worker = document.body.dataset.serviceWorker;
  if (worker && navigator.serviceWorker) {
    navigator.serviceWorker.register(worker, { scope: document.body.dataset.scope }).catch(function () {
      /* offline copies are a bonus; the site works without them */
    });
  }
}());

// Help cards: a copy made before a card's next check (the static export, an offline copy) still
// says "the number may have changed" once the visitor's date has passed it.
(function () {
  "use strict";
  var today = new Date().toISOString().slice(0, 10);
  document.querySelectorAll("[data-due-after]").forEach(function (note) {
    if (today > note.dataset.dueAfter) { note.hidden = false; }
  });
}());
