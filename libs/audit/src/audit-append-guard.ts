import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { ApiError } from '@qinglang/operations';
import { ChainProblem, checkpointMessage } from './audit-chain';
import { AuditSigner } from './audit-signer';
import { AuditStore } from './audit-store';
import { WitnessLine } from './witness-line';
import { readNewestWitnessLine } from './witness-file';
import { judgeWitnessLine } from './witness-judgement';

/** What every append answers once the log has been found not to match its witness. */
export class AuditAppendRefused extends ApiError {
  constructor(readonly problem: ChainProblem) {
    super(
      503,
      'audit_log_refused',
      `The audit log does not match its witness, so nothing more is recorded: ${problem.message}. Run \`npm run cli -- audit verify\`; see the README's audit section on what to do.`,
      { seq: problem.seq, problem: problem.problem },
    );
  }
}

/** Why this process has stopped witnessing (it keeps appending): each is logged as an error when found. */
export interface WitnessingState {
  ok: boolean;
  problem: {
    /**
     * `witness_line_unsigned`: the witness's newest line does not verify with the audit key (a forged line, or a
     * witness file shared with another deployment); `witness_shrank`: the witness holds less than this process
     * wrote to it; `witness_lock_held`: another session has held the witness lock (PostgreSQL) for over two
     * checkpoint intervals, so no pass ran.
     */
    kind: 'witness_line_unsigned' | 'witness_shrank' | 'witness_lock_held';
    message: string;
    since: string;
  } | null;
}

/**
 * Decides whether this process may append to the audit log. At start (and before the first append, whichever
 * comes first) the log is held against the newest witness line: shorter than it, or with another hash at its
 * seq, and every append from then on is refused, loudly, until an operator has looked and restarted. Appending on
 * top of a log cut below the witness would only bury the cut. The witness pass tells it what it witnessed since.
 */
@Injectable()
export class AuditAppendGuard {
  private readonly logger = new Logger('AuditLog');
  private refusal: ChainProblem | null = null;
  private newest: WitnessLine | null = null;
  private checked = false;
  private stopped: WitnessingState['problem'] = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly store: AuditStore,
    private readonly signer: AuditSigner,
  ) {}

  /** The boot check. Takes the caller's transaction when there is one. */
  async check(manager?: EntityManager): Promise<ChainProblem | null> {
    await this.holdNewestLine(manager);
    this.checked = true;
    return this.refusal;
  }

  /**
   * Holds the witness's newest line against the log (at start, and on every witness pass outside any lock). Only a
   * line the key signed can refuse appends: a line anyone could write to the file (or another deployment's, on a
   * shared witness path) would otherwise stop every append. Such a line stops witnessing instead, loudly, since
   * vouching for more on top of it would mean nothing; so does a witness that holds less than this process saw in
   * it (cut back to hide a rewrite above its new end). `trusted`: the line may be built on.
   */
  async holdNewestLine(manager?: EntityManager): Promise<{ newest: WitnessLine | null; trusted: boolean }> {
    const newest = await readNewestWitnessLine(this.config.audit.witnessPath);
    if (newest && !this.signer.signed(checkpointMessage(newest.seq, newest.hash), newest.signature)) {
      this.stopWitnessing(
        'witness_line_unsigned',
        `the newest witness line (entry ${newest.seq}, ${newest.at}, key ${newest.keyId}) does not verify with the audit key: a forged line, or a witness file another deployment also writes to`,
      );
      return { newest, trusted: false };
    }
    this.resumeWitnessing('witness_line_unsigned');
    const seen = this.newest;
    if (seen && (newest?.seq ?? 0) < seen.seq) {
      this.stopWitnessing(
        'witness_shrank',
        `the witness ends at entry ${newest?.seq ?? 0}, but this process saw a signed line for entry ${seen.seq} (${seen.at}) in it: the witness was cut back`,
      );
      return { newest, trusted: false };
    }
    this.resumeWitnessing('witness_shrank');
    if (newest) {
      const [head, entry] = await Promise.all([this.store.head(manager), this.store.entryAt(newest.seq, manager)]);
      const problem = judgeWitnessLine(newest, { headSeq: head?.seq ?? 0, hash: entry?.hash }, () => true);
      if (problem) this.refuse(problem);
    }
    this.witnessed(newest);
    return { newest, trusted: !this.refusal };
  }

  /** Stops vouching for the log (appends go on); logged as an error once per cause, shown by verify. */
  stopWitnessing(kind: NonNullable<WitnessingState['problem']>['kind'], message: string): void {
    if (this.stopped?.kind === kind && this.stopped.message === message) return;
    this.stopped = { kind, message, since: this.clock.now().toISOString() };
    this.logger.error({
      message: `THE AUDIT WITNESS CANNOT BE TRUSTED: this process has stopped witnessing the audit log: ${message}`,
      kind,
      next: 'run `npm run cli -- audit verify`; one witness file per deployment, shared by all its processes',
    });
  }

  /** Witnessing works again (the cause is gone). */
  resumeWitnessing(kind: NonNullable<WitnessingState['problem']>['kind']): void {
    if (this.stopped?.kind !== kind) return;
    this.logger.log({ message: 'witnessing the audit log again', after: this.stopped.message });
    this.stopped = null;
  }

  get witnessing(): WitnessingState {
    return { ok: !this.stopped, problem: this.stopped };
  }

  /** Throws AuditAppendRefused unless entry `nextSeq` may be appended. */
  async assertCanAppend(manager: EntityManager, nextSeq: number): Promise<void> {
    if (!this.checked) await this.check(manager);
    const newest = this.newest;
    if (!this.refusal && newest && nextSeq <= newest.seq)
      this.refuse({
        seq: nextSeq,
        problem: 'missing',
        message: `entries from ${nextSeq} are missing: the witness holds a signed checkpoint of entry ${newest.seq} (${newest.at})`,
      });
    if (this.refusal) throw new AuditAppendRefused(this.refusal);
  }

  refuse(problem: ChainProblem): void {
    if (this.refusal) return;
    this.refusal = problem;
    this.logger.error({
      message: 'THE AUDIT LOG HAS BEEN TAMPERED WITH: this process refuses to append to it',
      seq: problem.seq,
      problem: problem.problem,
      detail: problem.message,
      witness: this.config.audit.witnessPath,
      next: 'run `npm run cli -- audit verify`; restore the database to match the witness, or keep the witness as evidence and start a new one',
    });
  }

  /** The newest line this process knows the witness holds. */
  witnessed(line: WitnessLine | null): void {
    if (line && (!this.newest || line.seq > this.newest.seq)) this.newest = line;
  }

  get state(): { refused: boolean; problem: ChainProblem | null; witnessedSeq: number } {
    return { refused: !!this.refusal, problem: this.refusal, witnessedSeq: this.newest?.seq ?? 0 };
  }
}
