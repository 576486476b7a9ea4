// Map of the filtered events: country boundaries shipped with the app (Natural Earth via
// world-atlas), clustered markers, a click opens the event. A tile URL may be configured.
import L from "./leaflet-global.js";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import { api, element, labels, pageQuery } from "./common.js";

const words = labels();
const main = document.querySelector("main");
const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([30, 30], 3);

async function boundaries() {
  const tiles = main.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: main.dataset.tilesAttribution || "" }).addTo(map);
    return;
  }
  const topology = await (await fetch(main.dataset.countries)).json();
  L.geoJSON(feature(topology, topology.objects.countries), {
    style: { color: "#8a8f98", weight: 0.6, fillColor: "#eef0ea", fillOpacity: 1 },
  }).addTo(map);
  map.getContainer().style.background = "#cfe3f0";
}

function popup(props) {
  const box = element("div", { class: "popup" });
  const link = element("a", { href: `/events/${encodeURIComponent(props.id)}` }, props.title || props.id);
  box.append(link);
  box.append(element("div", {}, [props.date, words[`sub_event_type:${props.sub_event_type}`], props.place].filter(Boolean).join(" · ")));
  if (props.fatalities != null) box.append(element("div", {}, `${words.fatalities}: ${props.fatalities}`));
  return box;
}

function markerFor(featureItem, latlng) {
  const props = featureItem.properties;
  const icon = L.divIcon({ className: `dot type-${props.event_type}`, iconSize: [14, 14] });
  const marker = L.marker(latlng, { icon, title: props.title || props.id });
  marker.bindPopup(() => popup(props));
  marker.on("dblclick", () => { window.location.href = `/events/${encodeURIComponent(props.id)}`; });
  return marker;
}

async function events() {
  const query = pageQuery();
  const data = await api(`/api/events.geojson${query ? `?${query}` : ""}`);
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45 });
  const layer = L.geoJSON(data, { pointToLayer: markerFor });
  cluster.addLayers(layer.getLayers());
  map.addLayer(cluster);
  const count = document.getElementById("map-count");
  if (count) count.textContent = String(data.features.length);
  if (data.features.length) map.fitBounds(cluster.getBounds(), { maxZoom: 7, padding: [30, 30] });
  document.body.dataset.ready = "map";
}

await boundaries();
await events();
