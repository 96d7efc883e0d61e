// The relation diagram: reads the page's JSON (the same edges as the table) and draws it with cytoscape.
// Edge colours are read from the legend's swatches (style.css), so the legend and the edges cannot disagree;
// unticking a relation hides its edges and its table rows at once (the form's "Xem" does the same on the server).
(function () {
  var el = document.getElementById("graph-data");
  var box = document.getElementById("cy");
  if (!el || !box || typeof cytoscape === "undefined") { return; }
  var data = JSON.parse(el.textContent);
  var labelsEl = document.getElementById("relation-labels");
  var labels = labelsEl ? JSON.parse(labelsEl.textContent) : {};
  var colours = {};
  document.querySelectorAll(".legend .swatch[data-relation]").forEach(function (s) {
    colours[s.getAttribute("data-relation")] = window.getComputedStyle(s).backgroundColor;
  });
  var statusColours = { in_force: "#d7f2dd", partly_expired: "#fff0c7", expired: "#fbd9d7",
                        not_yet_in_force: "#dbe8fb", suspended: "#eadcf7", unknown: "#eceff3" };
  // Many documents: a taller box, and the relation is told by the edge's colour (the legend) instead of a label
  // on every edge, which would cover the documents' names.
  if (data.nodes.length > 20) { box.style.height = Math.min(1100, 520 + 12 * data.nodes.length) + "px"; }
  var edgeLabels = data.edges.length <= 15;
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ data: { id: n.id, label: n.id, status: n.status, center: n.center ? 1 : 0,
                            external: n.in_corpus ? 0 : 1 } });
  });
  data.edges.forEach(function (e, i) {
    elements.push({ data: { id: "e" + i, source: e.source, target: e.target, relation: e.relation,
                            label: edgeLabels ? (labels[e.relation] || e.relation) + (e.count > 1 ? " ×" + e.count : "") : "" } });
  });
  var cy = cytoscape({
    container: box, elements: elements, wheelSensitivity: 0.2,
    layout: { name: "concentric", concentric: function (n) { return n.data("center") ? 10 : 1; },
              levelWidth: function () { return 1; }, minNodeSpacing: 60 },
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 13, "text-valign": "bottom",
        "text-margin-y": 4, "width": 22, "height": 22, "border-width": 1, "border-color": "#5b6472",
        "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1,
        "background-color": function (n) { return statusColours[n.data("status")] || "#eceff3"; } } },
      { selector: "node[center = 1]", style: { "width": 36, "height": 36, "border-width": 3, "font-weight": "bold" } },
      { selector: "node[external = 1]", style: { "border-style": "dashed" } },
      { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 2.5,
        "line-color": function (e) { return colours[e.data("relation")] || "#999"; },
        "target-arrow-color": function (e) { return colours[e.data("relation")] || "#999"; },
        "label": "data(label)", "font-size": 12, "text-rotation": "autorotate", "color": "#39414d",
        "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
      { selector: ".hidden", style: { "display": "none" } }
    ]
  });
  // Labels stay legible (13 px nodes, 12 px edges on screen) however far the layout zooms out to fit.
  function legible() {
    var z = cy.zoom();
    cy.style().selector("node").style("font-size", 13 / z).selector("edge").style("font-size", 12 / z).update();
  }
  cy.on("zoom", legible);
  legible();
  function filter() {
    var on = {};
    document.querySelectorAll(".legend input[name=rel]").forEach(function (c) { on[c.value] = c.checked; });
    cy.edges().forEach(function (e) { e.toggleClass("hidden", on[e.data("relation")] === false); });
    cy.nodes().forEach(function (n) {
      var seen = n.data("center") || n.connectedEdges().some(function (e) { return !e.hasClass("hidden"); });
      n.toggleClass("hidden", !seen);
    });
    document.querySelectorAll("#relations-table tbody tr[data-relation]").forEach(function (r) {
      r.hidden = on[r.getAttribute("data-relation")] === false;
    });
    box.setAttribute("data-edges", String(cy.edges().filter(function (e) { return !e.hasClass("hidden"); }).length));
  }
  document.querySelectorAll(".legend input[name=rel]").forEach(function (c) { c.addEventListener("change", filter); });
  filter();
  cy.on("tap", "node", function (evt) {
    window.location.href = "/doc/" + encodeURIComponent(evt.target.id()) + "/graph" + window.location.search;
  });
  window.reviewGraph = cy;
  box.setAttribute("data-ready", "1");
})();
