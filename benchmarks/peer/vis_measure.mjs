// vis-timeline in headless Chromium on the events in DATA (a JSON file written by peer.py):
// node vis_measure.mjs DATA.json CHROMIUM WIDTH HEIGHT REPEATS TIMEOUT_S
// Prints JSON lines as it goes: versions, first_render_s, zoom_ms, zoom_out_ms (medians),
// heap_mb (used JavaScript heap, after the first render and again at the end).
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
// Out of time: the browser goes with us (it runs in its own process group).
setTimeout(() => {
  browser.process()?.kill("SIGKILL");
  process.exit(2);
}, Number(timeoutS) * 1000).unref();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: Number(width), height: Number(height) });
  await page.goto(pathToFileURL(page_).href, { waitUntil: "load", timeout: 0 });
  // Each measure is printed as soon as it is known (one JSON line each): a size the
  // browser cannot finish in time still reports what it did.
  const say = (fields) => console.log(JSON.stringify(fields));
  say({ vis_version: visVersion, browser: await browser.version() });
  await page.evaluate(() => {
    window.frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    window.changes = 0;
    // Done when a frame has been painted with no redraw since: the last `changed` and
    // the browser's paint of it are inside the time measured.
    window.settle = async () => {
      do {
        window.changes = 0;
        await window.frame();
      } while (window.changes > 0);
    };
    window.show = async ([a, b]) => {
      const started = performance.now();
      window.timeline.setWindow(new Date(a * 1000), new Date(b * 1000), { animation: false });
      window.changes = 1;
      await window.settle();
      return performance.now() - started;
    };
    window.median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  });
  const firstRender = await page.evaluate(async () => {
    const container = document.getElementById("timeline");
    const t0 = performance.now();
    const items = new vis.DataSet(DATA.items);
    const groups = new vis.DataSet(DATA.groups);
    window.timeline = new vis.Timeline(container, null, {
      width: "100%",
      height: "100%",
      start: new Date(DATA.zoomed[0] * 1000),
      end: new Date(DATA.zoomed[1] * 1000),
    });
    window.timeline.on("changed", () => (window.changes += 1));
    window.timeline.setGroups(groups);
    window.timeline.setItems(items);
    window.changes = 1;
    await window.settle();
    return (performance.now() - t0) / 1000;
  });
  say({ first_render_s: firstRender, heap_mb: (await page.metrics()).JSHeapUsedSize / 1e6 });
  const zoom = await page.evaluate(async (repeats) => {
    await window.show(DATA.wider);
    const zooms = [];
    for (let i = 0; i < repeats; i++) {
      zooms.push(await window.show(i % 2 === 0 ? DATA.zoomed : DATA.wider));
    }
    return window.median(zooms);
  }, Number(repeats));
  say({ zoom_ms: zoom });
  const out = await page.evaluate(async () => {
    const outs = [];
    for (let i = 0; i < 5; i++) {
      await window.show(DATA.month);
      outs.push(await window.show(DATA.full));
    }
    return window.median(outs);
  });
  say({ zoom_out_ms: out, heap_mb: (await page.metrics()).JSHeapUsedSize / 1e6 });
} finally {
  await browser.close();
}
