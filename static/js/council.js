// Drag-and-drop ordering of agenda items; the Up and Down buttons do the same without JavaScript.
(function () {
  "use strict";
  // Listeners sit on the document: htmx replaces the list when an item moves by its buttons.
  var dragged = null;
  var list = null;
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }
  document.addEventListener("dragstart", function (event) {
    list = event.target.closest && event.target.closest("[data-reorder-url]");
    if (!list) { return; }
    dragged = event.target.closest("[data-item]");
    if (dragged) { event.dataTransfer.effectAllowed = "move"; dragged.classList.add("council-dragging"); }
  });
  document.addEventListener("dragover", function (event) {
    var target = event.target.closest && event.target.closest("[data-item]");
    if (!dragged || !target || target === dragged || !list.contains(target)) { return; }
    event.preventDefault();
    var box = target.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? target.nextSibling : target);
  });
  document.addEventListener("dragend", function () {
    if (!dragged) { return; }
    dragged.classList.remove("council-dragging");
    dragged = null;
    var order = Array.prototype.map.call(list.querySelectorAll("[data-item]"), function (li) {
      return parseInt(li.getAttribute("data-item"), 10);
    });
    fetch(list.getAttribute("data-reorder-url"), {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
      body: JSON.stringify({order: order}),
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error("order"); }
      return response.json();
    }).then(function (data) {
      list.querySelectorAll("[data-item]").forEach(function (li) {
        var number = data.numbers[li.getAttribute("data-item")];
        var label = li.querySelector("[data-number]");
        if (label && number) { label.textContent = "§ " + number; }
      });
    }).catch(function () { window.alert(list.getAttribute("data-reorder-error")); });
  });
})();
