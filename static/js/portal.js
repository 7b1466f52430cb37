// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
    return summary;
  }
  document.addEventListener("DOMContentLoaded", function () {
    // A form sent after the skip link would reload at "…#main", and the fragment would move focus
    // to <main>: drop the fragment so the error summary keeps focus.
    if (focusErrorSummary(document) && window.location.hash) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    document.querySelectorAll("form:not([action])").forEach(function (form) {
      form.setAttribute("action", window.location.pathname + window.location.search);
    });
  });
  window.addEventListener("load", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) { summary.focus(); }
  });
  // An error link focuses its control (browsers only scroll to a fragment) and shows its label.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) { return; }
    var control = document.getElementById(link.getAttribute("href").slice(1));
    if (!control) { return; }
    event.preventDefault();
    var group = control.closest(".field > fieldset");
    var label = (group && group.querySelector("legend")) || document.querySelector("label[for='" + control.id + "']");
    (label || control).scrollIntoView({block: "start"});
    control.focus({preventScroll: true});
  });
  // The skip link moves focus to <main> without adding "#main" to the address.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".skip-link");
    if (!link) { return; }
    var main = document.getElementById("main");
    if (main) { event.preventDefault(); main.focus(); }
  });

  // The htmx convention for partial swaps: focus stays on the control with the same id in the new
  // content (give each control a stable id), else moves to the swapped region; the element marked
  // data-announce in the new content is read out in the page's live region.
  var focusedBefore = null;
  document.addEventListener("htmx:beforeRequest", function () { focusedBefore = document.activeElement; });
  // After an outerHTML swap the event's target is the element that was replaced: find its successor.
  function swapped(event) {
    var target = event.detail.target;
    if (target && !target.isConnected && target.id) { target = document.getElementById(target.id); }
    return target && target.isConnected ? target : null;
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = swapped(event);
    if (!target) { return; }
    if (focusErrorSummary(target)) { return; }
    // Only a swap that removed the focused control moves focus (a polling swap elsewhere does not).
    var focusLost = focusedBefore && focusedBefore !== document.body && !focusedBefore.isConnected;
    var keep = focusLost && focusedBefore.id && document.getElementById(focusedBefore.id);
    if (keep && keep.disabled && keep.hasAttribute("data-focus-instead")) {
      keep = document.getElementById(keep.getAttribute("data-focus-instead"));
    }
    if (keep && !keep.disabled) {
      keep.focus();
    } else if (focusLost) {
      // The swap removed the focused control and nothing has its id: the region itself takes focus.
      var fallback = target.querySelector("[data-focus-fallback]") || target;
      // A link or button named as the fallback keeps its place in the tab order.
      if (!fallback.hasAttribute("tabindex") && !fallback.matches("a[href], button, input, select, textarea")) {
        fallback.setAttribute("tabindex", "-1");
      }
      fallback.focus();
    }
    var announce = target && target.querySelector("[data-announce]");
    var region = document.getElementById("live-region");
    if (announce && region) {
      region.textContent = "";
      window.setTimeout(function () { region.textContent = announce.textContent.replace(/\s+/g, " ").trim(); }, 50);
    }
  });
  // Wide tables: each sits in a scroll region of its own, labelled by its caption, which takes
  // keyboard focus (arrow keys scroll it) whenever it is wider than the screen (WCAG 1.4.10, 2.1.1).
  var regionLabel = document.documentElement.getAttribute("data-scroll-label") || "";
  function scrollRegions(root) {
    (root || document).querySelectorAll("main table").forEach(function (table) {
      var box = table.parentElement;
      if (!box.classList.contains("table-scroll")) {
        box = document.createElement("div");
        box.className = "table-scroll";
        table.parentNode.insertBefore(box, table);
        box.appendChild(table);
      }
      var caption = table.querySelector("caption");
      if (box.scrollWidth > box.clientWidth + 1) {
        var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
        box.setAttribute("role", "region");
        box.setAttribute("tabindex", "0");
        box.setAttribute("aria-label", text || regionLabel);
      } else {
        box.removeAttribute("role");
        box.removeAttribute("tabindex");
        box.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { scrollRegions(document); });
  document.addEventListener("htmx:afterSettle", function (event) { scrollRegions(swapped(event) || document); });
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () { scrollRegions(document); }, 100);
  });
  // The main menu on a narrow screen: a button shows and hides the list (a disclosure), so that
  // the page's content is not pushed below a screenful of links. Without this file, or on a wide
  // screen, the whole list shows and the button stays hidden. The list is hidden while closed, so
  // its links leave the tab order too.
  function foldingMenu(nav) {
    var button = nav.querySelector(".menu-toggle");
    var list = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!list) { return; }
    var narrow = window.matchMedia("(max-width: 40rem)");
    function show(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      list.hidden = !open;
    }
    function fit() {
      var focusInList = list.contains(document.activeElement);
      button.hidden = !narrow.matches;
      show(!narrow.matches);
      if (narrow.matches && focusInList) { button.focus(); }
    }
    button.addEventListener("click", function () { show(list.hidden); });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches && !list.hidden) {
        show(false);
        button.focus();
      }
    });
    narrow.addEventListener("change", fit);
    nav.classList.add("main-nav-folding");
    fit();
  }
  // The script is deferred, so the document is parsed: fold the menu before the first paint if possible.
  document.querySelectorAll("[data-menu]").forEach(foldingMenu);

  // Confirm destructive actions that carry data-confirm, without inline script (the CSP forbids it).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
