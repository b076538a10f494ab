import * as OpenCC from 'opencc-js';

/**
 * Per-character folding, the first step of normalisation: every code point maps to zero or more output
 * characters. Built once into a table so the hot path is one array look-up per character.
 */

// Latin look-alikes from other scripts (after lower-casing), as used to dodge keyword filters.
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  з: '3',
  и: 'u',
  й: 'u',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ь: 'b',
  г: 'r',
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  σ: 'o',
  ς: 'c',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  ϳ: 'j',
};

// CJK forms OpenCC leaves alone: Japanese shinjitai, radical-supplement forms and a few folk variants.
const CJK_VARIANTS: Record<string, string> = {
  穏: '稳',
  囼: '台',
  臺: '台',
  図: '图',
  発: '发',
  売: '卖',
  楽: '乐',
  単: '单',
  転: '转',
  気: '气',
  戦: '战',
  関: '关',
  経: '经',
  読: '读',
  覚: '觉',
  広: '广',
  渋: '涩',
  乗: '乘',
  亜: '亚',
  圧: '压',
  価: '价',
  帰: '归',
  歓: '欢',
  氺: '水',
  険: '险',
  験: '验',
  実: '实',
  従: '从',
  両: '两',
  聴: '听',
  遊: '游',
  輪: '轮',
  銭: '钱',
  児: '儿',
  '⻔': '门',
  '⻓': '长',
  '⻢': '马',
  '⻛': '风',
  '⻋': '车',
  '⻜': '飞',
  '⻆': '角',
  '⻅': '见',
  '⻉': '贝',
  '⻩': '黄',
};

// Chinese numerals (plain and the anti-fraud capital forms) become digits, so 一二三 and 123 match alike.
const NUMERALS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  壹: '1',
  二: '2',
  贰: '2',
  三: '3',
  叁: '3',
  四: '4',
  肆: '4',
  五: '5',
  伍: '5',
  六: '6',
  陆: '6',
  七: '7',
  柒: '7',
  八: '8',
  捌: '8',
  九: '9',
  玖: '9',
};

// Symbols that stand for a word in evasive spam (加 for +, QQ for the penguin, …); everything else that is not
// a letter or a digit is a separator and is dropped.
const SYMBOL_WORDS: Record<string, string> = {
  '+': '加',
  '＋': '加',
  '➕': '加',
  '﹢': '加',
  '🐧': 'qq',
  '💰': '钱',
  '💴': '钱',
  '💵': '钱',
  '💸': '钱',
  '🔞': '18禁',
  '🈲': '禁',
  '🦌': '撸',
  '🧧': '红包',
  '🔍': '搜索',
  '🔎': '搜索',
  '🔗': '链接',
  '🐶': '狗',
  '🐕': '狗',
  '🐮': '牛',
  '🐂': '牛',
  '🐷': '猪',
  '🐟': '鱼',
  '🌼': '花',
  '🚪': '门',
  '🍵': '茶',
  '🧦': '袜',
  '🍊': '橘',
  '🐔': '鸡',
  '💦': '水',
  '🐩': '狗',
  '🐍': '蛇',
  '🌿': '草',
  '🩲': '内裤',
  '↑': '上',
  '↓': '下',
  '⬆': '上',
  '⬇': '下',
};

/**
 * Symbols kept only if a variant spelling uses them (微❤ is 微信); otherwise they are separators like any other.
 * The value is the character a variant key writes in their place.
 */
export const SOFT_SYMBOLS: Record<string, string> = {
  '❤': '心',
  '♥': '心',
  '♡': '心',
  '💗': '心',
  '💕': '心',
  '💓': '心',
  '💖': '心',
};

const KEEP = /^[\p{L}\p{Nd}]$/u;

function foldOne(char: string, simplified: Map<string, string>): string {
  const word = SYMBOL_WORDS[char];
  if (word !== undefined) return word;
  let out = '';
  for (const piece of char.normalize('NFKC').toLowerCase()) {
    const simple = simplified.get(piece) ?? piece;
    const mapped = LOOK_ALIKES[simple] ?? CJK_VARIANTS[simple] ?? simple;
    const digit = NUMERALS[mapped] ?? mapped;
    if (KEEP.test(digit)) out += digit;
  }
  return out;
}

/** OpenCC's traditional → simplified mapping, one character at a time (its phrase rules need context we lack). */
function traditionalToSimplified(): Map<string, string> {
  const convert = OpenCC.Converter({ from: 't', to: 'cn' });
  const characters: string[] = [];
  for (let cp = 0x3400; cp <= 0x9fff; cp++) characters.push(String.fromCharCode(cp));
  // One call over lines of one character each: a per-character call costs 30x more.
  const converted = convert(characters.join('\n')).split('\n');
  const map = new Map<string, string>();
  characters.forEach((character, i) => converted[i] !== character && map.set(character, converted[i]));
  return map;
}

export interface CharacterFolder {
  /** The folded form of one code point: '' for a separator. */
  fold(codePoint: number): string;
  /** The stand-in character of a soft symbol, if it is one. */
  soft(codePoint: number): string | undefined;
}

let shared: CharacterFolder | undefined;

/** The folding table, built on first use (about 0.1 s) and shared. */
export function characterFolder(): CharacterFolder {
  if (shared) return shared;
  const simplified = traditionalToSimplified();
  const bmp = new Array<string>(0x10000);
  for (let cp = 0; cp < 0x10000; cp++)
    bmp[cp] = cp >= 0xd800 && cp <= 0xdfff ? '' : foldOne(String.fromCharCode(cp), simplified);
  const astral = new Map<number, string>();
  const softByCode = new Map<number, string>(
    Object.entries(SOFT_SYMBOLS).map(([symbol, stand]) => [symbol.codePointAt(0)!, stand]),
  );
  shared = {
    fold(codePoint) {
      if (codePoint < 0x10000) return bmp[codePoint];
      let folded = astral.get(codePoint);
      if (folded === undefined) astral.set(codePoint, (folded = foldOne(String.fromCodePoint(codePoint), simplified)));
      return folded;
    },
    soft: (codePoint) => softByCode.get(codePoint),
  };
  return shared;
}
