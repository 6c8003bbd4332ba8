// vis-timeline in headless Chromium on the events in DATA (a JSON file written by peer.py):
// node vis_measure.mjs DATA.json CHROMIUM WIDTH HEIGHT REPEATS TIMEOUT_S
// Prints one JSON line: first_render_s, zoom_ms (median), zoom_out_ms (median), heap_mb.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const [dataPath, chromium, width, height, repeats, timeoutS] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const visScript = require.resolve("vis-timeline/standalone/umd/vis-timeline-graph2d.min.js");
const visVersion = JSON.parse(
  readFileSync(join(dirname(require.resolve("vis-timeline/package.json")), "package.json"))
).version;

const data = resolve(dataPath);
const page_ = join(dirname(data), "vis-page.html");
writeFileSync(
  page_,
  `<!doctype html><html><head><meta charset="utf-8">
<script src="${pathToFileURL(visScript)}"></script>
<script src="${pathToFileURL(data + ".js")}"></script>
<style>body{margin:0}</style></head>
<body><div id="timeline" style="width:${width}px;height:${height}px"></div></body></html>`
);
writeFileSync(data + ".js", "window.DATA = " + readFileSync(data, "utf8") + ";");

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  protocolTimeout: Number(timeoutS) * 1000,
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: Number(width), height: Number(height) });
  await page.goto(pathToFileURL(page_).href, { waitUntil: "load", timeout: 0 });
  const result = await page.evaluate(
    async (repeats) => {
      const median = (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        return s[Math.floor(s.length / 2)];
      };
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      let changes = 0;
      // Done when a frame has been painted with no redraw since: the last `changed`
      // and the browser's paint of it are inside the time measured.
      const settle = async () => {
        do {
          changes = 0;
          await frame();
        } while (changes > 0);
      };
      const container = document.getElementById("timeline");
      const t0 = performance.now();
      const items = new vis.DataSet(DATA.items);
      const groups = new vis.DataSet(DATA.groups);
      const timeline = new vis.Timeline(container, null, {
        width: "100%",
        height: "100%",
        start: new Date(DATA.full[0] * 1000),
        end: new Date(DATA.full[1] * 1000),
      });
      timeline.on("changed", () => (changes += 1));
      timeline.setGroups(groups);
      timeline.setItems(items);
      changes = 1;
      await settle();
      const firstRender = (performance.now() - t0) / 1000;
      const show = async ([a, b]) => {
        const started = performance.now();
        timeline.setWindow(new Date(a * 1000), new Date(b * 1000), { animation: false });
        changes = 1;
        await settle();
        return performance.now() - started;
      };
      const zooms = [];
      for (let i = 0; i < repeats; i++) zooms.push(await show(i % 2 === 0 ? DATA.zoomed : DATA.full));
      const outs = [];
      for (let i = 0; i < 5; i++) {
        await show(DATA.month);
        outs.push(await show(DATA.full));
      }
      return { first_render_s: firstRender, zoom_ms: median(zooms), zoom_out_ms: median(outs),
               drawn: container.querySelectorAll(".vis-item").length };
    },
    Number(repeats)
  );
  const metrics = await page.metrics();
  result.heap_mb = metrics.JSHeapUsedSize / 1e6;
  result.vis_version = visVersion;
  result.browser = await browser.version();
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
