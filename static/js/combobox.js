// The searchable choice (membership/combobox.py), enhanced into the WAI-ARIA "combobox with
// listbox popup": typing asks the search endpoint for server-rendered options (htmx); arrow keys move
// the active option, Enter chooses it, Escape closes the list (or clears the box when it is closed).
// The match count is read out through the page's live region by portal.js ([data-announce]).
// Without this file the widget's Search button sends the form and the page lists the matches.
(function () {
  "use strict";
  var DELAY = 250;

  function setUp(box) {
    var input = box.querySelector("[data-combobox-input]");
    var value = box.querySelector("[data-combobox-value]");
    var popup = box.querySelector("[data-combobox-popup]");
    var label = document.querySelector("label[for='" + input.id + "']");
    var listId = input.id + "_listbox";
    var chosenText = value.value ? input.value : "";
    var active = -1;
    var timer = null;
    box.querySelectorAll("[data-combobox-nojs]").forEach(function (part) { part.remove(); });
    value.disabled = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function options() { return Array.prototype.slice.call(popup.querySelectorAll("[role=option]")); }
    function open() {
      if (!popup.hasChildNodes()) { return; }
      popup.hidden = false;
      // A status with no options ("no matches") is shown, but there is no list to expand.
      input.setAttribute("aria-expanded", popup.querySelector("[role=listbox]") ? "true" : "false");
    }
    function close() {
      popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      setActive(-1);
    }
    function setActive(index) {
      var all = options();
      active = all.length ? Math.max(-1, Math.min(index, all.length - 1)) : -1;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
        option.classList.toggle("is-active", i === active);
      });
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", all[active].id);
        all[active].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function choose(option) {
      value.value = option.getAttribute("data-value");
      input.value = chosenText = option.textContent.trim();
      close();
    }
    function search() {
      var query = input.value.trim();
      if (query.length < Number(box.getAttribute("data-min-length"))) { close(); popup.innerHTML = ""; return; }
      var url = box.getAttribute("data-url");
      url += (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
      // The field this choice depends on (say, the category) narrows the matches on the server too.
      var dependsOn = box.getAttribute("data-depends-on");
      var other = dependsOn && box.closest("form") ? box.closest("form").elements[dependsOn] : null;
      if (other && other.value) { url += "&" + encodeURIComponent(dependsOn) + "=" + encodeURIComponent(other.value); }
      window.htmx.ajax("GET", url, {target: popup, swap: "innerHTML"});
    }
    popup.addEventListener("htmx:afterSwap", function () {
      var list = popup.querySelector("[role=listbox]");
      if (list) {
        list.id = listId;
        if (label) { list.setAttribute("aria-label", label.textContent.replace(/\s+/g, " ").trim()); }
        options().forEach(function (option, i) { option.id = listId + "_" + i; });
      }
      active = -1;
      if (document.activeElement === input) { open(); }
    });
    input.addEventListener("input", function () {
      // Typing after a choice undoes it until another option is chosen.
      if (input.value.trim() !== chosenText) { value.value = ""; }
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var expanded = input.getAttribute("aria-expanded") === "true";
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!expanded) { open(); if (event.altKey) { return; } }
        var count = options().length;
        if (!count) { return; }
        if (event.key === "ArrowDown") { setActive(active + 1 >= count ? 0 : active + 1); }
        else { setActive(active <= 0 ? count - 1 : active - 1); }
      } else if (event.key === "Enter") {
        // Enter chooses the active option instead of sending the form.
        if (expanded && active >= 0) { event.preventDefault(); choose(options()[active]); }
      } else if (event.key === "Escape") {
        if (expanded) { event.preventDefault(); close(); }
        else if (input.value) { event.preventDefault(); input.value = chosenText = value.value = ""; }
      }
    });
    popup.addEventListener("mousedown", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { event.preventDefault(); choose(option); }
    });
    input.addEventListener("blur", close);
    var form = box.closest("form");
    var dependsOn = box.getAttribute("data-depends-on");
    if (form && dependsOn) {
      // Matches found for another value of the field this choice depends on are no longer offered.
      form.addEventListener("change", function (event) {
        if (event.target.name === dependsOn) { close(); popup.innerHTML = ""; }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-combobox]").forEach(setUp);
  });
})();
