/** Kinds of entity a line can carry that tie it to one operator, whoever posts it. */
export const ENTITY_KINDS = ['wechat', 'qq', 'telegram', 'phone', 'url', 'domain', 'qr'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** A contact, link or QR payload found in a text, in its canonical form (what banks and clusters compare). */
export interface ContactEntity {
  kind: EntityKind;
  value: string;
  /** Where it stands in the original text (UTF-16 units), for the reviewer's highlight; absent for QR payloads. */
  span?: { start: number; end: number };
}

// Markers that introduce an id, in the folded (NFKC, lower-case) text. Spam spells them many ways; these are the
// common ones and their homophones (薇/威/徽 for 微), with or without 号/信.
const WECHAT = String.raw`(?:微信|薇信|威信|徽信|维信|v信|vx|wx|weixin|wechat|加v|\+v|v号|薇|威)`;
const QQ = String.raw`(?:qq|扣扣|企鹅|q号|q群|qq群|扣)`;
const TELEGRAM = String.raw`(?:telegram|tg|电报|纸飞机|飞机)`;
// Between a marker and its id: spaces, colons, dashes, the words 号/是/加, at most a few of them.
const JOIN = String.raw`[\s:：\-=号是加@]{0,4}`;
const TLDS = 'com|net|org|cc|vip|top|xyz|me|io|co|app|info|tv|live|club|bet|casino|cn|fun|win|site|online|shop|link';

const PATTERNS: Array<{ kind: EntityKind; pattern: RegExp; group: number }> = [
  { kind: 'wechat', pattern: new RegExp(`${WECHAT}${JOIN}([a-z][a-z0-9_-]{5,19}|1[3-9]\\d{9})`, 'gu'), group: 1 },
  { kind: 'qq', pattern: new RegExp(`${QQ}${JOIN}([1-9]\\d{4,10})(?!\\d)`, 'gu'), group: 1 },
  { kind: 'telegram', pattern: new RegExp(`${TELEGRAM}${JOIN}([a-z][a-z0-9_]{4,31})`, 'gu'), group: 1 },
  { kind: 'telegram', pattern: /t\.me\/([a-z0-9_]{5,32})/gu, group: 1 },
  { kind: 'phone', pattern: /(?<!\d)(1[3-9]\d{9})(?!\d)/gu, group: 1 },
  {
    kind: 'url',
    pattern: new RegExp(
      `((?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS})(?![a-z0-9-])(?::\\d{2,5})?(?:/[\\w\\-./?%&=#~+]*)?)`,
      'gu',
    ),
    group: 1,
  },
];

/**
 * Folds a text the way entities are compared: NFKC (full-width letters and digits to ASCII, ① to 1) and lower
 * case. Length-preserving for the characters that matter here, so spans stay valid; where NFKC would change the
 * length of a character, it is kept as it was.
 */
function fold(text: string): string {
  let folded = '';
  for (const char of text) {
    const normal = char.normalize('NFKC').toLowerCase();
    folded += normal.length === char.length ? normal : char;
  }
  return folded;
}

/** The canonical form of a URL: no scheme, no `www.`, no trailing punctuation or slash. */
function canonicalUrl(url: string): string {
  return url
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[.,/?#]+$/, '');
}

export const domainOf = (url: string): string => canonicalUrl(url).split(/[/:?#]/)[0];

/** The canonical form of an entity value of a kind, as banks store it and as a reviewer may type it. */
export function canonicalEntity(kind: EntityKind, value: string): string {
  const folded = fold(value.trim());
  if (kind === 'url') return canonicalUrl(folded);
  if (kind === 'domain') return domainOf(folded);
  if (kind === 'qr') return value.trim();
  return folded.replace(/^@/, '');
}

// What a canonical value of each kind looks like: what the extractor can produce, so a banked value can match.
const VALUE_SHAPES: Record<EntityKind, RegExp> = {
  wechat: /^(?:[a-z][a-z0-9_-]{5,19}|1[3-9]\d{9})$/,
  qq: /^[1-9]\d{4,10}$/,
  telegram: /^[a-z0-9_]{5,32}$/,
  phone: /^1[3-9]\d{9}$/,
  url: new RegExp(`^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS})(?::\\d{2,5})?(?:/[\\w\\-./?%&=#~+]*)?$`),
  domain: new RegExp(`^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS})$`),
  qr: /^[\s\S]{1,500}$/,
};

/** Whether a canonical value is one text can carry for its kind (a QQ number is digits, a domain has a known TLD). */
export const isEntityValue = (kind: EntityKind, value: string): boolean => VALUE_SHAPES[kind].test(value);

/**
 * The contacts and links in a text: WeChat, QQ and Telegram ids after their markers, mainland mobile numbers,
 * URLs and bare domains (each URL also gives its domain). One entry per kind and value.
 */
export function extractEntities(text: string): ContactEntity[] {
  const folded = fold(text);
  const found = new Map<string, ContactEntity>();
  const add = (entity: ContactEntity) => {
    const key = `${entity.kind}:${entity.value}`;
    if (!found.has(key)) found.set(key, entity);
  };
  for (const { kind, pattern, group } of PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      const raw = match[group];
      const start = match.index + match[0].length - raw.length;
      const span = { start, end: start + raw.length };
      if (kind === 'url') {
        // An e-mail's domain or a decimal number ("3.5") is not a link.
        if (folded[start - 1] === '@' || /^\d+(\.\d+)+$/.test(raw)) continue;
        add({ kind: 'url', value: canonicalUrl(raw), span });
        add({ kind: 'domain', value: domainOf(raw), span });
      } else {
        add({ kind, value: canonicalEntity(kind, raw), span });
      }
    }
  }
  return [...found.values()];
}
