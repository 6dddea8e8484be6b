// Every word a person reads on the pages comes from a message catalog (i18n/<lang>.json), in the
// language the reader chose: ?lang= in the URL (a pinned wall screen), else the one picked in
// the header (remembered like the theme), else the browser's preference. Numbers, times and ages
// are formatted by the platform's Intl APIs for that language. Switching re-renders in place:
// listeners of 'change' redraw, and nothing reloads or reconnects.

export const LANGUAGES = { en: 'English', 'zh-CN': '简体中文' };
export const DEFAULT_LANGUAGE = 'en';
const KEY = 'plantpulse.lang';
const PLACEHOLDER = /\{(\w+)(?:,\s*(plural)\s*,((?:[^{}]|\{[^{}]*\})*))?\}/g;
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

/** The supported language closest to a BCP 47 tag, or null: zh, zh-Hans, zh-CN → zh-CN. */
export function supported(tag) {
  if (!tag) return null;
  const lower = String(tag).toLowerCase();
  const exact = Object.keys(LANGUAGES).find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  // Traditional Chinese readers are better served by English than by Simplified characters.
  if (/^zh(-hans)?(-|$)/.test(lower) && !/-(hant|tw|hk|mo)(-|$)/.test(lower)) return 'zh-CN';
  if (/^en(-|$)/.test(lower)) return 'en';
  return null;
}

/** The page's language: the URL's `lang`, else the stored choice, else the browser's order. */
export function chooseLanguage({ search = '', stored = null, preferred = [] } = {}) {
  const fromUrl = supported(new URLSearchParams(search).get('lang'));
  if (fromUrl) return fromUrl;
  const fromStore = supported(stored);
  if (fromStore) return fromStore;
  for (const tag of preferred) {
    const match = supported(tag);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}

/** The names of a pattern's placeholders, e.g. ['count', 'device']: for the catalog tests. */
export function placeholders(pattern) {
  return [...new Set([...String(pattern).matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

/**
 * Fills `{name}` and `{count, plural, one {# device} other {# devices}}` (the ICU MessageFormat
 * subset the catalogs use). Numbers go through `number`, plural cases through Intl.PluralRules.
 */
export function format(pattern, values = {}, { plural = new Intl.PluralRules('en'), number = String } = {}) {
  const text = String(pattern);
  // Most texts have no placeholder (a status, a heading); the grid asks for them per row.
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (whole, name, isPlural, cases) => {
    if (!(name in values)) return whole;
    const value = values[name];
    const shown = typeof value === 'number' ? number(value) : String(value ?? '');
    if (!isPlural) return shown;
    const forms = new Map([...cases.matchAll(PLURAL_CASE)].map((m) => [m[1], m[2]]));
    const form = forms.get(`=${value}`) ?? forms.get(plural.select(Number(value))) ?? forms.get('other') ?? '';
    return form.replaceAll('#', shown);
  });
}

const AGE_UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/**
 * One language's catalog with its formatters, made once per language: the grid formats hundreds
 * of numbers and times a second, and an Intl formatter is costly to build.
 */
export class Messages {
  constructor(lang, catalog, fallback = {}) {
    this.lang = lang;
    this.catalog = catalog;
    this.fallback = fallback;
    this.plural = new Intl.PluralRules(lang);
    this.numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    this.integers = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    this.times = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    this.ages = new Intl.RelativeTimeFormat(lang, { numeric: 'always', style: 'long' });
    this.formatting = { plural: this.plural, number: (n) => this.number(n) };
  }

  /** The text of `key` with `values` filled in; a key missing everywhere shows as itself. */
  t(key, values) {
    const pattern = this.catalog[key] ?? this.fallback[key] ?? key;
    return format(pattern, values, this.formatting);
  }

  has(key) {
    return key in this.catalog || key in this.fallback;
  }

  number(value) {
    return this.numbers.format(value);
  }

  integer(value) {
    return this.integers.format(value);
  }

  time(epochMs) {
    return this.times.format(epochMs);
  }

  /** "4 seconds ago" / "4秒钟前": the largest whole unit of an age in milliseconds. */
  age(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    for (const [unit, size] of AGE_UNITS) {
      if (seconds >= size) return this.ages.format(-Math.floor(seconds / size), unit);
    }
    return this.ages.format(-seconds, 'second');
  }

  /**
   * Puts `key`'s text into `element`, with the DOM nodes of `nodes` where their placeholders are:
   * a sentence keeps a live span (a count updated every second) wherever the language puts it.
   */
  fill(element, key, nodes = {}) {
    const pattern = this.catalog[key] ?? this.fallback[key] ?? key;
    const parts = [];
    let last = 0;
    for (const m of pattern.matchAll(/\{(\w+)\}/g)) {
      if (!(m[1] in nodes)) continue;
      parts.push(pattern.slice(last, m.index), nodes[m[1]]);
      last = m.index + m[0].length;
    }
    parts.push(pattern.slice(last));
    element.replaceChildren(...parts.filter((p) => p !== ''));
  }
}

/**
 * Replaces the text of every element under `root` that names a key: `data-i18n` for its text,
 * `data-i18n-aria-label` and `data-i18n-title` for those attributes, and `data-i18n-parts` for a
 * sentence around live children, each marked `data-part="<placeholder>"`.
 */
export function translate(root, messages) {
  for (const el of root.querySelectorAll('[data-i18n-parts]')) {
    const parts = Object.fromEntries([...el.querySelectorAll('[data-part]')].map((p) => [p.dataset.part, p]));
    messages.fill(el, el.dataset.i18nParts, parts);
  }
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = messages.t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', messages.t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.setAttribute('title', messages.t(el.dataset.i18nTitle));
}

/** The page's language state: the current Messages, and a 'change' event when it switches. */
export class Language extends EventTarget {
  #load;
  #cache = new Map();
  #fallback = {};
  messages = new Messages(DEFAULT_LANGUAGE, {});

  /** `load(lang)` resolves to that language's catalog object. */
  constructor(load) {
    super();
    this.#load = load;
  }

  get lang() {
    return this.messages.lang;
  }

  async use(lang) {
    if (!this.#cache.has(DEFAULT_LANGUAGE)) {
      this.#fallback = await this.#load(DEFAULT_LANGUAGE);
      this.#cache.set(DEFAULT_LANGUAGE, new Messages(DEFAULT_LANGUAGE, this.#fallback));
    }
    if (!this.#cache.has(lang)) {
      this.#cache.set(lang, new Messages(lang, await this.#load(lang), this.#fallback));
    }
    this.messages = this.#cache.get(lang);
    this.dispatchEvent(new Event('change'));
  }
}

function fetchCatalog(lang) {
  const url = new URL(`../i18n/${lang}.json`, import.meta.url);
  return fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${url}: ${r.status}`))));
}

/** The pages' one language state. */
export const language = new Language(fetchCatalog);

/** Shorthands for the current language, read at call time so a switch applies at once. */
export const t = (key, values) => language.messages.t(key, values);
export const messages = () => language.messages;

/**
 * Picks the page's language, translates the static text and wires the header's select: a choice
 * there is remembered and applied without a reload. Resolves when the first catalog is in.
 */
export async function initLanguage(select, { storage = window.localStorage, location = window.location, root = document } = {}) {
  let stored = null;
  try {
    stored = storage.getItem(KEY);
  } catch (e) {
    // Storage may be disabled; the choice then lasts for this page only.
  }
  const apply = () => {
    root.documentElement.lang = language.lang;
    translate(root, language.messages);
    if (select) select.value = language.lang;
  };
  language.addEventListener('change', apply);
  if (select) {
    select.replaceChildren(
      ...Object.entries(LANGUAGES).map(([lang, name]) => {
        const option = document.createElement('option');
        option.value = lang;
        option.lang = lang;
        option.textContent = name;
        return option;
      }),
    );
    select.addEventListener('change', () => {
      try {
        storage.setItem(KEY, select.value);
      } catch (e) {
        // As above.
      }
      // A pinned ?lang= follows the choice, so a reload or a bookmark keeps what the reader chose.
      const params = new URLSearchParams(location.search);
      if (params.has('lang')) {
        params.set('lang', select.value);
        history.replaceState(null, '', `?${params}`);
      }
      language.use(select.value).catch(() => {});
    });
  }
  const lang = chooseLanguage({ search: location.search, stored, preferred: navigator.languages ?? [] });
  try {
    await language.use(lang);
  } catch (e) {
    // Without its catalog the page keeps the English text of its HTML.
    if (lang !== DEFAULT_LANGUAGE) await language.use(DEFAULT_LANGUAGE).catch(() => {});
  }
}
