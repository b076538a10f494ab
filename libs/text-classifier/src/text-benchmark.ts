import { TextClassifier, TextClassifierOptions, createTextClassifier } from './text-classifier';

// Short messages in the mix of a live room's chat: mostly harmless, some evasive spam; written for the benchmark.
const SAMPLE_MESSAGES = [
  '主播晚上好呀',
  '谢谢老板的火箭！',
  '今天的菜看起来好好吃',
  '这个口红色号是多少',
  '哈哈哈哈笑死我了',
  '求BGM',
  '666666',
  '下饭菜推荐一下',
  '主播什么时候下播',
  '打卡打卡',
  '新来的，关注了',
  '周末去哪儿玩比较好',
  '这把排位稳了，带我上分',
  '有玩百家乐的加我V',
  '金 花 牛 牛 有局的来',
  '注册送88彩金，复制浏览器打开',
  '稳上下，大额无忧，老台子',
  '充100送100 首存有礼',
  '刷十个火箭加微信看福利',
  '榜一福利私聊发',
  '礼物回收 抖币低价代充',
  '小学生可以用压岁钱打赏吗',
  '約炮裸聊 加薇信',
  '深夜福利资源群，扫码进',
  '澳門新葡京 線上娛樂',
  '远离赌博，珍爱生活',
  '警方破获一起网络赌博案',
  '福利彩票今晚开奖',
  '这朵黄色的花真好看',
  '别赌气了，出来吃饭吧',
  'ｂ ｏ ｃ ａ ｉ 平台 来玩',
  '今天双色球开奖了吗',
  '家人们点点关注',
];

export interface TextBenchmark {
  texts: number;
  cpuSeconds: number;
  textsPerSecondPerCore: number;
}

/**
 * Texts classified per CPU second on one core (the classify path only, after a warm-up). `bench/bench.ts` can call
 * this; the classifier's start-up (loading the lexicon) is not timed.
 */
export function benchmarkTextClassifier(
  options: TextClassifierOptions & { texts?: number; classifier?: TextClassifier } = {},
): TextBenchmark {
  const classifier = options.classifier ?? createTextClassifier(options);
  const texts = options.texts ?? 50_000;
  for (let i = 0; i < 2_000; i++) classifier.classify(SAMPLE_MESSAGES[i % SAMPLE_MESSAGES.length]);
  const before = process.cpuUsage();
  for (let i = 0; i < texts; i++) classifier.classify(SAMPLE_MESSAGES[i % SAMPLE_MESSAGES.length]);
  const used = process.cpuUsage(before);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { texts, cpuSeconds, textsPerSecondPerCore: Math.round(texts / cpuSeconds) };
}
