import { Inject, Injectable, Logger } from '@nestjs/common';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { WitnessLine, formatWitnessLine } from './witness-line';
import { retryDelayMs } from './witness-judgement';

const TIMEOUT_MS = 10_000;
/** No new POST starts after this much of a pass: a slow receiver cannot hold a pass (or a SIGTERM) for long. */
export const DELIVERY_BUDGET_MS = 10_000;

/** Where the webhook stands, kept in DATA_DIR so a restart (or another process) picks up where it stopped. */
export interface WebhookState {
  /** The newest checkpoint the endpoint acknowledged with a 2xx. */
  deliveredSeq: number;
  /** Failed POSTs in a row; 0 while it answers. */
  failures: number;
  lastError: string | null;
  /** No POST before this (ms since the epoch): the back-off after a failure. */
  nextAttemptAtMs: number;
}

const FRESH: WebhookState = { deliveredSeq: 0, failures: 0, lastError: null, nextAttemptAtMs: 0 };

/** The state file's text, its fields checked (a SyntaxError when it is not one). */
function parseState(text: string): WebhookState {
  const value = JSON.parse(text) as Partial<Record<keyof WebhookState, unknown>> | null;
  const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!value || typeof value !== 'object' || !count(value.deliveredSeq) || !count(value.failures))
    throw new SyntaxError('not a webhook state');
  if (!count(value.nextAttemptAtMs ?? 0) || !(value.lastError === null || typeof value.lastError === 'string'))
    throw new SyntaxError('not a webhook state');
  return {
    deliveredSeq: value.deliveredSeq as number,
    failures: value.failures as number,
    lastError: value.lastError?.slice(0, 500) ?? null,
    nextAttemptAtMs: (value.nextAttemptAtMs as number | undefined) ?? 0,
  };
}

/**
 * The optional second witness (AUDIT_WITNESS_URL): every witnessed checkpoint is POSTed, oldest first, as the same
 * JSON as its witness line. It runs in the witness pass, after the database commit and the file append, never in
 * an append transaction. A failure is logged and recorded with its back-off; the checkpoints themselves stay in the
 * database, so nothing is lost while the endpoint is down: the next attempt sends from the last acknowledged one.
 */
@Injectable()
export class WitnessWebhook {
  private readonly logger = new Logger('AuditWitness');
  private readonly statePath: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.statePath = join(config.dataDir, 'audit', 'witness-url-state.json');
  }

  get url(): string | null {
    return this.config.audit.witnessUrl;
  }

  /**
   * Where delivery stands. The file sits in DATA_DIR, so it is not trusted: one that cannot be read or parsed is
   * taken as fresh (everything is sent again; the receiver sees repeats, never a gap), with an error logged, and a
   * `deliveredSeq` past `witnessedSeq` (nothing beyond it was ever sent) is brought back to it.
   */
  async state(witnessedSeq?: number): Promise<WebhookState> {
    let state: WebhookState;
    try {
      state = parseState(await readFile(this.statePath, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.logger.error({
          message: 'the audit witness webhook state cannot be read; delivering again from the first checkpoint',
          error: error instanceof SyntaxError ? 'not a webhook state' : String((error as Error).message),
        });
      return { ...FRESH };
    }
    if (witnessedSeq !== undefined && state.deliveredSeq > witnessedSeq) {
      this.logger.error({
        message:
          'the audit witness webhook state claims checkpoints that were never witnessed; delivering from the newest witnessed one',
        deliveredSeq: state.deliveredSeq,
        witnessedSeq,
      });
      state = { ...state, deliveredSeq: witnessedSeq };
    }
    return state;
  }

  /** Whether a POST may be tried now, and from which checkpoint on. */
  async due(witnessedSeq: number): Promise<WebhookState | null> {
    if (!this.url) return null;
    const state = await this.state(witnessedSeq);
    return state.nextAttemptAtMs <= this.clock.now().getTime() ? state : null;
  }

  /**
   * POSTs `lines` (oldest first, all past the state's `deliveredSeq`) until one fails or `budgetMs` has gone by (the
   * rest go in the next pass); returns how many went.
   */
  async deliver(state: WebhookState, lines: WitnessLine[], budgetMs = DELIVERY_BUDGET_MS): Promise<number> {
    let sent = 0;
    // Elapsed real time, not the application clock: this bounds how long the pass takes.
    const deadline = performance.now() + budgetMs;
    for (const line of lines) {
      if (sent && performance.now() >= deadline) break;
      const failure = await this.post(line);
      if (failure) {
        const failures = state.failures + 1;
        await this.save({
          ...state,
          failures,
          lastError: failure,
          nextAttemptAtMs: this.clock.now().getTime() + retryDelayMs(failures),
        });
        this.logger.error({
          message: 'the audit witness webhook failed; it is retried with back-off',
          seq: line.seq,
          failures,
          error: failure,
        });
        return sent;
      }
      state = { deliveredSeq: line.seq, failures: 0, lastError: null, nextAttemptAtMs: 0 };
      sent++;
    }
    if (sent) await this.save(state);
    return sent;
  }

  private async post(line: WitnessLine): Promise<string | null> {
    try {
      const response = await fetch(this.url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'qinglang-audit-witness' },
        body: formatWitnessLine(line),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
      await response.body?.cancel();
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      return String((error as Error).cause ?? error);
    }
  }

  private async save(state: WebhookState): Promise<void> {
    await mkdir(dirname(this.statePath), { recursive: true, mode: 0o700 });
    const temporary = `${this.statePath}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(state), { mode: 0o600 });
    await rename(temporary, this.statePath);
  }
}
