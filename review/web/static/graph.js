// The relation diagram: reads the page's JSON (the same data as the table) and draws it with cytoscape.
(function () {
  var el = document.getElementById("graph-data");
  var box = document.getElementById("cy");
  if (!el || !box || typeof cytoscape === "undefined") { return; }
  var data = JSON.parse(el.textContent);
  var labelsEl = document.getElementById("relation-labels");
  var labels = labelsEl ? JSON.parse(labelsEl.textContent) : {};
  var colours = { legal_basis: "#0b5cad", cites: "#8a94a6", amends: "#d68910", supplements: "#d68910",
                  repeals: "#c0392b", replaces: "#c0392b", guides: "#1e8449", suspends: "#7d3c98",
                  corrects: "#5d6d7e", consolidates: "#5d6d7e" };
  var statusColours = { in_force: "#d7f2dd", partly_expired: "#fff0c7", expired: "#fbd9d7",
                        not_yet_in_force: "#dbe8fb", suspended: "#eadcf7", unknown: "#eceff3" };
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ data: { id: n.id, label: n.id, status: n.status, center: n.center ? 1 : 0,
                            external: n.in_corpus ? 0 : 1 } });
  });
  data.edges.forEach(function (e, i) {
    elements.push({ data: { id: "e" + i, source: e.source, target: e.target, relation: e.relation,
                            label: (labels[e.relation] || e.relation) + (e.count > 1 ? " ×" + e.count : "") } });
  });
  var cy = cytoscape({
    container: box, elements: elements, wheelSensitivity: 0.2,
    layout: { name: "concentric", concentric: function (n) { return n.data("center") ? 10 : 1; },
              levelWidth: function () { return 1; }, minNodeSpacing: 40 },
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-valign": "bottom",
        "text-margin-y": 4, "width": 22, "height": 22, "border-width": 1, "border-color": "#5b6472",
        "background-color": function (n) { return statusColours[n.data("status")] || "#eceff3"; } } },
      { selector: "node[center = 1]", style: { "width": 36, "height": 36, "border-width": 3, "font-weight": "bold" } },
      { selector: "node[external = 1]", style: { "border-style": "dashed" } },
      { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 2,
        "line-color": function (e) { return colours[e.data("relation")] || "#999"; },
        "target-arrow-color": function (e) { return colours[e.data("relation")] || "#999"; },
        "label": "data(label)", "font-size": 9, "text-rotation": "autorotate", "color": "#5b6472" } }
    ]
  });
  // Labels stay legible (13 px nodes, 12 px edges on screen) however far the layout zooms out to fit.
  function legible() {
    var z = cy.zoom();
    cy.style().selector("node").style("font-size", 13 / z).selector("edge").style("font-size", 12 / z).update();
  }
  cy.on("zoom", legible);
  legible();
  cy.on("tap", "node", function (evt) {
    window.location.href = "/doc/" + encodeURIComponent(evt.target.id()) + "/graph" + window.location.search;
  });
  box.setAttribute("data-ready", "1");
})();
