(function () {
  var q = document.getElementById("filter-text"), k = document.getElementById("filter-kind"),
      s = document.getElementById("filter-severity"), n = document.getElementById("filter-count");
  function run() {
    var t = q.value.trim().toLowerCase(), shown = 0;
    document.querySelectorAll("article.finding").forEach(function (a) {
      var ok = (!k.value || a.dataset.kind === k.value) && (!s.value || a.dataset.severity === s.value) &&
               (!t || a.textContent.toLowerCase().indexOf(t) >= 0);
      a.hidden = !ok; if (ok) shown++;
    });
    document.querySelectorAll("section.doc").forEach(function (d) {
      d.hidden = !d.querySelector("article.finding:not([hidden])");
    });
    n.textContent = shown;
  }
  [q, k, s].forEach(function (e) { e.addEventListener("input", run); });
})();
