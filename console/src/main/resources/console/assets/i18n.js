// Every text the console shows comes from one message file (messages/en.js); a translation is a new file
// (messages/<language>.js exporting the same keys), picked by the browser's language, English where a key is missing.
import en from './messages/en.js';

let messages = en;
let locale = 'en';
let timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export async function initI18n(language = navigator.language) {
  const lang = (language || 'en').split('-')[0].toLowerCase();
  if (lang !== 'en' && /^[a-z]{2,3}$/.test(lang)) {
    try {
      const module = await import(`./messages/${lang}.js`);
      messages = { ...en, ...module.default };
      locale = language;
    } catch {
      messages = en;
    }
  }
  document.documentElement.lang = locale;
}

/** t('inbox.count', {n: 3}) — {name} placeholders are replaced by the params (as text). */
export function t(key, params = {}) {
  const text = messages[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? '').toString());
}

/** The agent's time zone (their profile's, else the browser's): every time shown is in it. */
export function setTimeZone(zone) {
  if (!zone) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    timeZone = zone;
  } catch {
    // an unknown zone keeps the browser's
  }
}

export function getTimeZone() {
  return timeZone;
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function formatNumber(value, options = {}) {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(locale, options).format(value);
}

export function formatMoney(amount, currency) {
  if (amount === null || amount === undefined) return '–';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'USD' }).format(Number(amount));
  } catch {
    return `${amount} ${currency || ''}`;
  }
}

/** 3725 s → "1h 02m", 125 s → "2m 05s"; negative → "−…" (overdue). */
export function formatDuration(ms) {
  const sign = ms < 0 ? '−' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400); s -= d * 86400;
  const hh = Math.floor(s / 3600); s -= hh * 3600;
  const mm = Math.floor(s / 60); s -= mm * 60;
  const pad = (n) => String(n).padStart(2, '0');
  if (d > 0) return `${sign}${d}d ${hh}h`;
  if (hh > 0) return `${sign}${hh}h ${pad(mm)}m`;
  return `${sign}${mm}m ${pad(s)}s`;
}

/** The message for prefix.value, or the value itself made readable ("no_agent_online" → "no agent online"). */
export function label(prefix, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = `${prefix}.${value}`;
  return messages[key] ?? en[key] ?? String(value).replace(/_/g, ' ');
}
