// Captures the README's images from a running demo (./demo.sh) with headless Chromium over the
// DevTools protocol: the overview and the detail, in English and Chinese, light and dark, desktop
// and phone, plus frames of the live overview that ImageMagick turns into
// docs/images/overview-live.gif.
//
//   node --experimental-websocket tools/capture-screens.mjs [http://localhost:8080/] [out-dir]
//   convert -delay 100 -loop 0 out-dir/frame-*.png -layers Optimize docs/images/overview-live.gif
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:8080/';
const out = process.argv[3] ?? 'target/readme-images';
const chromium = process.env.PLANTPULSE_CHROMIUM ?? '/usr/bin/chromium';
mkdirSync(out, { recursive: true });

const port = 9222 + Math.floor(Math.random() * 700);
const profile = `/tmp/plantpulse-capture-${port}`;
const browser = spawn(chromium, ['--headless=new', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function devtools() {
  for (let i = 0; i < 100; i++) {
    try {
      const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
      const page = targets.find((t) => t.type === 'page');
      if (page) return page.webSocketDebuggerUrl;
    } catch (e) {
      // Not listening yet.
    }
    await pause(100);
  }
  throw new Error('Chromium did not start');
}

const socket = new WebSocket(await devtools());
await new Promise((resolve) => { socket.onopen = resolve; });
let next = 0;
const waiting = new Map();
socket.onmessage = (e) => {
  const m = JSON.parse(e.data);
  waiting.get(m.id)?.(m.result);
  waiting.delete(m.id);
};
const send = (method, params = {}) => new Promise((resolve) => {
  next += 1;
  waiting.set(next, resolve);
  socket.send(JSON.stringify({ id: next, method, params }));
});
const evaluate = async (expression) => (await send('Runtime.evaluate', { expression, returnByValue: true })).result.value;

async function until(expression, what) {
  for (let i = 0; i < 300; i++) {
    if (await evaluate(expression)) return;
    await pause(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function shot(name) {
  const { data } = await send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(`${out}/${name}.png`, Buffer.from(data, 'base64'));
  console.log(`${out}/${name}.png`);
}

const pages = {
  overview: ['', "document.querySelectorAll('#devices polyline[points*=\" \"]').length > 10"],
  detail: ['dashboard.html?devices=press-0001,press-0002&window=5', "document.querySelectorAll('figcaption.latest').length > 0 && /\\d/.test(document.querySelector('figcaption.latest').textContent)"],
};
const sizes = { desktop: [1440, 1000], phone: [390, 844] };
for (const [page, [path, ready]] of Object.entries(pages)) {
  for (const lang of ['en', 'zh-CN']) {
    for (const theme of ['light', 'dark']) {
      await send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: theme }] });
      for (const [size, [width, height]] of Object.entries(sizes)) {
        await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: width < 700 });
        const url = new URL(path, base);
        url.searchParams.set('lang', lang);
        await send('Page.navigate', { url: url.href });
        await until(ready, `${page} drawn`);
        // One more second, so trends and charts have their next point.
        await pause(1500);
        await shot(`${page}${lang === 'en' ? '' : `-${lang}`}-${theme}-${size}`);
      }
    }
  }
}

await send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
await send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 760, deviceScaleFactor: 1, mobile: false });
await send('Page.navigate', { url: base });
await until(pages.overview[1], 'overview drawn');
for (let frame = 1; frame <= 12; frame++) {
  await pause(1000);
  await shot(`frame-${String(frame).padStart(2, '0')}`);
}
// Chromium writes its profile until it has exited; removing it sooner fails with ENOTEMPTY.
const exited = new Promise((resolve) => browser.once('exit', resolve));
browser.kill();
await exited;
rmSync(profile, { recursive: true, force: true });
process.exit(0);
