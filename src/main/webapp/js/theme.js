// Light or dark: follows prefers-color-scheme until the user picks one, which is remembered.
import { language, t } from './i18n.js';

const KEY = 'plantpulse.theme';

export function initTheme(button, storage = window.localStorage, root = document.documentElement) {
  const apply = (theme) => {
    if (theme) {
      root.dataset.theme = theme;
    } else {
      delete root.dataset.theme;
    }
    const dark = theme ? theme === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
    button.setAttribute('aria-pressed', String(dark));
    button.textContent = dark ? t('theme.light') : t('theme.dark');
  };
  let saved = null;
  try {
    saved = storage.getItem(KEY);
  } catch (e) {
    // Storage may be disabled; the theme then lasts for this page only.
  }
  apply(saved);
  language.addEventListener('change', () => apply(root.dataset.theme));
  button.addEventListener('click', () => {
    const next = button.getAttribute('aria-pressed') === 'true' ? 'light' : 'dark';
    try {
      storage.setItem(KEY, next);
    } catch (e) {
      // As above.
    }
    apply(next);
  });
}
