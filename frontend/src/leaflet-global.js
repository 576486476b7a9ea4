// leaflet.markercluster extends the global L: define it before that plugin is evaluated.
import L from "leaflet";

window.L = L;
export default L;
