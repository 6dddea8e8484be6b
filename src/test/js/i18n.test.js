import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { chooseLanguage, format, LANGUAGES, Messages, placeholders, supported } from '../../main/webapp/js/i18n.js';
import { describeAlarm } from '../../main/webapp/js/alarm-list.js';

const webapp = new URL('../../main/webapp/', import.meta.url);
const read = (path) => readFileSync(new URL(path, webapp), 'utf8');
const catalogs = Object.fromEntries(Object.keys(LANGUAGES).map((lang) => [lang, JSON.parse(read(`i18n/${lang}.json`))]));
const en = catalogs.en;

/** The constants of a Java enum of the project: the catalog must word every one. */
function javaEnum(path) {
  const source = readFileSync(new URL(`../../main/java/io/plantpulse/${path}`, import.meta.url), 'utf8');
  const body = source.slice(source.indexOf('{', source.indexOf('enum ')) + 1);
  return [...body.replace(/\/\*\*[\s\S]*?\*\//g, '').matchAll(/^\s*([A-Z][A-Z_]*)\s*[,;}]?\s*$/gm)].map((m) => m[1]);
}

test('every language has exactly the keys of English, each a non-empty text', () => {
  for (const [lang, catalog] of Object.entries(catalogs)) {
    assert.deepEqual(Object.keys(catalog).sort(), Object.keys(en).sort(), lang);
    for (const [key, text] of Object.entries(catalog)) {
      assert.equal(typeof text, 'string', `${lang} ${key}`);
      assert.ok(text.trim().length > 0, `${lang} ${key} is empty`);
    }
  }
});

test('every translation has the placeholders of the English text, no more and no fewer', () => {
  for (const [lang, catalog] of Object.entries(catalogs)) {
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholders(catalog[key]), placeholders(en[key]), `${lang} ${key}: ${catalog[key]}`);
    }
  }
});

test('the Chinese catalog is in Chinese: every text that has words has Han characters', () => {
  const untranslated = Object.entries(catalogs['zh-CN']).filter(
    ([, text]) => /[A-Za-z]{3,}/.test(text.replace(/\{[^}]*\}|PlantPulse|Kafka|P50|P95|dashboard\.html\?devices=<id>,<id>/g, '')) && !/\p{Script=Han}/u.test(text),
  );
  assert.deepEqual(untranslated, []);
});

test('the contract\'s statuses, severities and alarm kinds are all worded', () => {
  const needed = [
    ...javaEnum('telemetry/DeviceStatus.java').map((s) => `status.${s}`),
    ...javaEnum('alarm/Severity.java').map((s) => `severity.${s}`),
    ...javaEnum('alarm/AlarmKind.java').map((s) => `alarm.${s}`),
  ];
  assert.ok(needed.length >= 5 + 2 + 4, needed.join());
  for (const key of needed) assert.ok(key in en, key);
});

test('every key the pages name exists, and no text a person reads bypasses the catalog', () => {
  const used = new Set();
  for (const page of ['index.html', 'dashboard.html']) {
    const html = read(page);
    for (const m of html.matchAll(/data-i18n(?:-aria-label|-title|-parts)?="([^"]+)"/g)) used.add(m[1]);
    // Each element's own text: words only inside an element that names its key.
    const bypass = [];
    const body = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<script[\s\S]*?<\/script>/g, '');
    for (const m of body.matchAll(/<([a-z0-9]+)([^>]*)>([^<]*)/g)) {
      const [, tag, attributes, text] = m;
      if (!/\p{L}/u.test(text) || text.trim() === 'PlantPulse') continue;
      const keyed = /data-i18n(-parts)?=/.test(attributes) || (tag === 'span' && /data-part=/.test(attributes));
      const insideParts = /data-i18n-parts=/.test(body.slice(0, m.index).split(/<p /).pop());
      if (!keyed && !insideParts) bypass.push(`${page}: <${tag}> ${text.trim()}`);
    }
    assert.deepEqual(bypass, [], 'text outside the catalog');
    for (const m of html.matchAll(/(?<![-\w])(aria-label|title|placeholder|alt)="([^"]*\p{L}[^"]*)"/gu)) {
      assert.match(html.slice(m.index, html.indexOf('>', m.index)), new RegExp(`data-i18n-${m[1]}=`), `${page}: ${m[0]}`);
    }
  }
  const scripts = readdirSync(new URL('js/', webapp)).filter((f) => f.endsWith('.js'));
  for (const file of scripts) {
    const source = read(`js/${file}`);
    for (const m of source.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z]+)'/g)) used.add(m[1]);
    // A literal that starts with a word; `${id} · ${text}` joins data and catalog texts.
    const literal = /(textContent\s*=\s*|setAttribute\('(aria-label|title)',\s*|prompt\()\s*['`"]\s*[A-Za-z]{2}/;
    assert.doesNotMatch(source, literal, `${file} writes a literal text a person reads`);
  }
  assert.ok(used.size > 40, `found ${used.size} keys in use`);
  for (const key of used) assert.ok(key in en, `${key} is used but not in the catalog`);
});

test('placeholders: names, numbers and plurals in the language\'s own rules', () => {
  const m = new Messages('en', { c: '{count, plural, one {# device} other {# devices}}', s: '{a} of {b}' });
  assert.equal(m.t('c', { count: 1 }), '1 device');
  assert.equal(m.t('c', { count: 1234 }), '1,234 devices');
  assert.equal(m.t('s', { a: 'x', b: 2.5 }), 'x of 2.5');
  assert.equal(m.t('missing'), 'missing', 'a missing key shows as itself, never as nothing');
  assert.equal(format('{a} and {b}', { a: 1 }), '1 and {b}', 'an unknown value keeps its placeholder');
  assert.equal(format('{n, plural, =0 {none} other {# left}}', { n: 0 }), 'none');
  assert.deepEqual(placeholders('{shown} of {count, plural, one {# d} other {# ds}}'), ['count', 'shown']);
  const zh = new Messages('zh-CN', catalogs['zh-CN'], en);
  assert.equal(zh.t('devices.countOf', { shown: 3, count: 12000 }), '显示 3 台，共 12,000 台');
});

test('numbers, times and ages are formatted for the language', () => {
  const enM = new Messages('en', en);
  const zh = new Messages('zh-CN', catalogs['zh-CN'], en);
  assert.equal(enM.age(4_400), '4 seconds ago');
  assert.equal(zh.age(4_400), '4秒钟前');
  assert.equal(zh.age(3 * 60_000 + 5_000), '3分钟前');
  assert.equal(enM.age(2 * 3_600_000 + 1), '2 hours ago');
  assert.equal(enM.number(12345.678), '12,345.68');
  const noon = Date.UTC(2026, 11, 1, 4, 5, 6) + new Date(Date.UTC(2026, 11, 1)).getTimezoneOffset() * 60_000;
  assert.equal(zh.time(noon), '04:05:06');
});

test('language choice: the URL wins, then the stored choice, then the browser, else English', () => {
  assert.equal(chooseLanguage({ search: '?lang=zh-CN', stored: 'en', preferred: ['en-US'] }), 'zh-CN');
  assert.equal(chooseLanguage({ search: '?lang=xx', stored: 'zh-CN' }), 'zh-CN', 'an unknown ?lang= is ignored');
  assert.equal(chooseLanguage({ stored: 'en', preferred: ['zh-CN'] }), 'en');
  assert.equal(chooseLanguage({ preferred: ['fr-FR', 'zh-Hans-CN', 'en'] }), 'zh-CN', 'the first supported one');
  assert.equal(chooseLanguage({ preferred: ['zh-TW'] }), 'en', 'Traditional Chinese is not Simplified');
  assert.equal(chooseLanguage({ preferred: ['de'] }), 'en');
  assert.equal(supported('ZH-cn'), 'zh-CN');
  assert.equal(supported('en-GB'), 'en');
});

test('an alarm is worded from its kind in the page\'s language, falling back to the server\'s text', () => {
  const zh = new Messages('zh-CN', catalogs['zh-CN'], en);
  const high = { kind: 'HIGH', metric: 'temperature', threshold: 95, message: 'temperature above 95' };
  assert.equal(describeAlarm(high, new Messages('en', en)), 'temperature above 95');
  assert.equal(describeAlarm(high, zh), 'temperature 高于 95', 'the metric name is data and stays');
  assert.equal(describeAlarm({ kind: 'LOW', metric: 'pressure', threshold: 1200.5 }, zh), 'pressure 低于 1,200.5');
  assert.equal(describeAlarm({ kind: 'OFFLINE', threshold: 30 }, zh), '30 秒无数据');
  assert.equal(describeAlarm({ kind: 'FAULT' }, zh), '设备报告故障');
  assert.equal(describeAlarm({ kind: 'SOMETHING_NEW', message: 'from a newer server' }, zh), 'from a newer server');
});
