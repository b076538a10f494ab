/**
 * Writes the training corpus of the learned text model, `models/text/corpus/*.jsonl`, from the phrase lists and
 * templates in `models/text/corpus-templates.yaml`, written for the project (no outside data). Deterministic: the same seed gives the same files.
 *
 *   npx ts-node --transpile-only scripts/build-text-corpus.ts [seed]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface TemplateSet {
  labels: string[];
  templates: string[];
}

/** `models/text/corpus-templates.yaml`: phrase lists (slots) and, per output file, labels and templates. */
interface CorpusTemplates {
  slots: Record<string, string[]>;
  sets: Record<string, TemplateSet & { count: number }>;
}

type Random = () => number;

// mulberry32: small, seedable, good enough to pick phrases.
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const digits = (random: Random, from: number, to: number) => {
  const length = from + Math.floor(random() * (to - from + 1));
  let out = String(1 + Math.floor(random() * 9));
  while (out.length < length) out += String(Math.floor(random() * 10));
  return out;
};

// Slots made of random parts rather than a list: contact numbers, ids, amounts.
const GENERATED: Record<string, (random: Random) => string> = {
  qq: (random) => digits(random, 6, 10),
  phone: (random) => `1${pick(random, ['3', '5', '7', '8', '9'])}${digits(random, 9, 9)}`,
  wxid: (random) =>
    `${pick(random, ['a', 'vip', 'yy', 'kk', 'ml', 'xx', 'bc', 'lj', 'tt', 'qq'])}${digits(random, 3, 7)}`,
  n: (random) => pick(random, ['1', '2', '3', '5', '6', '8', '10', '20', '两', '三', '五', '十']),
  amount: (random) =>
    pick(random, [
      '50',
      '88',
      '100',
      '188',
      '200',
      '288',
      '500',
      '888',
      '1000',
      '2000',
      '5000',
      '1万',
      '3万',
      '十万',
      '五千',
      '三百',
    ]),
  percent: (random) => `${pick(random, ['5', '8', '10', '15', '20', '30', '50'])}%`,
  hour: (random) => pick(random, ['8点', '9点', '10点', '11点', '12点', '凌晨', '今晚', '明晚', '周末']),
};

/** Fills `{slot}` placeholders, recursively (a slot's phrase may hold placeholders too). */
function fill(random: Random, slots: CorpusTemplates['slots'], template: string, depth = 0): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const generated = GENERATED[name];
    if (generated) return generated(random);
    const items = slots[name];
    if (!items) throw new Error(`unknown slot {${name}} in "${template}"`);
    const phrase = pick(random, items);
    return depth < 4 ? fill(random, slots, phrase, depth + 1) : phrase;
  });
}

const EMOJI = [
  '😂',
  '🤣',
  '😊',
  '👍',
  '🔥',
  '💰',
  '❤️',
  '😘',
  '🙏',
  '✨',
  '🎉',
  '😭',
  '👉',
  '‼️',
  '😏',
  '🌹',
  '💯',
  '🈵',
  '～',
  '!!',
  '。。。',
  '？',
  '~~',
];
const SEPARATORS = [' ', '.', '*', '-', '、', '|', '/', '_'];

/**
 * Surface noise, applied with the same odds to every label so that noise itself is no cue: emoji and punctuation,
 * spaces or symbols between characters (the usual way to dodge a keyword filter), a cut-off end.
 */
function addNoise(random: Random, text: string): string {
  let out = text;
  if (random() < 0.12) {
    const separator = pick(random, SEPARATORS);
    const chars = Array.from(out);
    const from = Math.floor(random() * Math.max(1, chars.length - 4));
    const to = Math.min(chars.length, from + 2 + Math.floor(random() * 5));
    out = [...chars.slice(0, from), chars.slice(from, to).join(separator), ...chars.slice(to)].join('');
  }
  if (random() < 0.3) out += pick(random, EMOJI);
  if (random() < 0.1) out = pick(random, EMOJI) + out;
  if (random() < 0.15) out = out.replace(/[，。]/g, ' ');
  return out;
}

interface CorpusLine {
  text: string;
  labels: string[];
}

/** `count` distinct lines from a template set (fewer when the templates cannot make that many). */
function generate(random: Random, slots: CorpusTemplates['slots'], set: TemplateSet, count: number): CorpusLine[] {
  const seen = new Set<string>();
  const lines: CorpusLine[] = [];
  for (let attempt = 0; attempt < count * 20 && lines.length < count; attempt++) {
    const text = addNoise(random, fill(random, slots, pick(random, set.templates))).slice(0, 80);
    if (Array.from(text).length < 4 || seen.has(text)) continue;
    seen.add(text);
    lines.push({ text, labels: set.labels });
  }
  return lines;
}

function main(): void {
  const seed = Number(process.argv[2] ?? 20240611);
  const random = seededRandom(seed);
  const modelDirectory = join(__dirname, '..', 'models', 'text');
  const { slots, sets } = parse(readFileSync(join(modelDirectory, 'corpus-templates.yaml'), 'utf8')) as CorpusTemplates;
  const directory = join(modelDirectory, 'corpus');
  mkdirSync(directory, { recursive: true });
  for (const [name, set] of Object.entries(sets)) {
    const lines = generate(random, slots, set, set.count);
    writeFileSync(join(directory, `${name}.jsonl`), lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    process.stdout.write(`${name}: ${lines.length} lines\n`);
  }
}

main();
