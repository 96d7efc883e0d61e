// Suggestions as the user types in the search box: document numbers and titles from /suggest?q= (JSON).
// Arrow keys move through the list, Enter opens the chosen document, Escape closes the list.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  if (!input) return;
  var list = document.getElementById("suggestions");
  var url = input.getAttribute("data-suggest");
  var timer = null, active = -1, items = [], last = "";

  function close() { list.hidden = true; list.textContent = ""; active = -1; items = []; }

  function docUrl(id) { return "/doc/" + encodeURIComponent(id); }

  function render(found) {
    list.textContent = "";
    items = found;
    active = -1;
    if (!found.length) { list.hidden = true; return; }
    found.forEach(function (s, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "suggestion-" + i;
      var a = document.createElement("a");
      a.href = docUrl(s.doc);
      var num = document.createElement("strong");
      num.textContent = (s.type ? s.type + " " : "") + (s.number || s.doc);
      a.appendChild(num);
      if (s.title) {
        var t = document.createElement("span");
        t.className = "s-title";
        t.textContent = " — " + (s.title.length > 110 ? s.title.slice(0, 110) + "…" : s.title);
        a.appendChild(t);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
  }

  function fetchFor(q) {
    if (q === last) return;
    last = q;
    if (q.length < 2) { close(); return; }
    fetch(url + "?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === q.trim() || input.value === q) render(data.suggestions || []); })
      .catch(close);
  }

  function move(step) {
    var lis = list.querySelectorAll("li");
    if (!lis.length) return;
    if (active >= 0) lis[active].removeAttribute("aria-selected");
    active = (active + step + lis.length) % lis.length;
    lis[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", lis[active].id);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value;
    timer = setTimeout(function () { fetchFor(q); }, 120);
  });
  input.addEventListener("keydown", function (e) {
    if (list.hidden) return;
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location.href = docUrl(items[active].doc); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 200); });
})();
