// Bundles the dashboard's scripts and styles into marsad/web/static (committed, so that
// `pip install` needs no npm). Run with `make web` (npm ci && node build.mjs).
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "marsad", "web", "static");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: {
    app: join(here, "src", "app.js"),
    map: join(here, "src", "map.js"),
    timeline: join(here, "src", "timeline.js"),
    network: join(here, "src", "network.js"),
    style: join(here, "src", "style.css"),
  },
  bundle: true,
  minify: true,
  format: "esm",
  splitting: true,
  target: ["es2022"],
  outdir: out,
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  assetNames: "assets/[name]-[hash]",
  loader: { ".woff2": "file", ".woff": "file", ".png": "file", ".svg": "file" },
  legalComments: "linked",
  logLevel: "info",
});

// Country boundaries (Natural Earth 1:50m via world-atlas), fetched by the map page.
copyFileSync(join(here, "node_modules", "world-atlas", "countries-50m.json"), join(out, "countries-50m.json"));
copyFileSync(join(here, "node_modules", "world-atlas", "LICENSE"), join(out, "countries-50m.LICENSE.txt"));
