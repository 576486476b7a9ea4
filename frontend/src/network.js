// The actor network (Cytoscape.js): groups, states and people as nodes; allegiance, support,
// supply, call-to-action, membership and role edges. An edge click shows its evidence; a node
// click opens the events of that actor.
import cytoscape from "cytoscape";
import { api, element, labels, pageQuery, text } from "./common.js";

const words = labels();
const KIND_COLOURS = { group: "#b3261e", state_force: "#1f5fa8", person: "#6b4aa0", other: "#5f6b5f" };
const EDGE_COLOURS = {
  allegiance: "#b3261e", cooperation: "#2e7d32", support: "#ef6c00", supply: "#8d6e00",
  call_to_action: "#ad1457", membership: "#455a64", role: "#00838f", rename: "#6d4c41", claim_of_member: "#7b1fa2",
};

function style() {
  return [
    { selector: "node", style: {
      label: "data(label)", "font-family": "Noto Sans Arabic, sans-serif", "font-size": 13,
      "text-valign": "bottom", "text-margin-y": 4, "text-background-color": "#fff",
      "text-background-opacity": 0.85, "text-background-padding": 2,
      width: "mapData(weight, 1, 40, 18, 56)", height: "mapData(weight, 1, 40, 18, 56)",
      "background-color": (n) => KIND_COLOURS[n.data("kind")] || KIND_COLOURS.other,
    } },
    { selector: "edge", style: {
      width: "mapData(count, 1, 10, 1.5, 6)", "curve-style": "bezier", "target-arrow-shape": "triangle",
      "line-color": (e) => EDGE_COLOURS[e.data("type")] || "#999",
      "target-arrow-color": (e) => EDGE_COLOURS[e.data("type")] || "#999",
    } },
    { selector: ":selected", style: { "overlay-opacity": 0.2, "overlay-color": "#000" } },
  ];
}

function showEvidence(edge) {
  const panel = document.getElementById("edge-evidence");
  panel.replaceChildren();
  const data = edge.data();
  panel.append(element("h3", {}, `${data.source_label} → ${data.target_label}`));
  panel.append(element("p", { class: "edge-type" }, `${data.type_label} · ${data.certainty_label || ""}`));
  for (const item of data.evidence) {
    const quote = element("blockquote", { class: "evidence" });
    text(quote, item.text);
    const link = element("a", { href: `/articles/${encodeURIComponent(item.article_id)}` }, item.article_title || item.article_id);
    const cite = element("cite");
    cite.append(link);
    panel.append(quote, cite);
  }
  panel.hidden = false;
}

async function draw() {
  const query = pageQuery();
  const graph = await api(`/api/graph${query ? `?${query}` : ""}`);
  const elements = [
    ...graph.nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind, weight: n.weight, key: n.key } })),
    ...graph.edges.map((e) => ({ data: { ...e, id: e.id, source: e.source, target: e.target, count: e.relations } })),
  ];
  const cy = cytoscape({
    container: document.getElementById("network"),
    elements,
    style: style(),
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 110 },
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "edge", (event) => showEvidence(event.target));
  cy.on("tap", "node", (event) => {
    window.location.href = `/?actor=${encodeURIComponent(event.target.data("key"))}`;
  });
  document.getElementById("network-count").textContent = `${graph.nodes.length} / ${graph.edges.length}`;
  window.marsadNetwork = cy;
  document.body.dataset.ready = "network";
  if (!graph.nodes.length) document.getElementById("network-empty").hidden = false;
  return words;
}

await draw();
