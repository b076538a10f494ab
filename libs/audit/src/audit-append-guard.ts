import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
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

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: AuditStore,
    private readonly signer: AuditSigner,
  ) {}

  /** The boot check. Takes the caller's transaction when there is one. */
  async check(manager?: EntityManager): Promise<ChainProblem | null> {
    const newest = await readNewestWitnessLine(this.config.audit.witnessPath);
    if (newest) {
      const [head, entry] = await Promise.all([this.store.head(manager), this.store.entryAt(newest.seq, manager)]);
      const problem = judgeWitnessLine(newest, { headSeq: head?.seq ?? 0, hash: entry?.hash }, () =>
        this.signer.signed(checkpointMessage(newest.seq, newest.hash), newest.signature),
      );
      if (problem) this.refuse(problem);
    }
    this.witnessed(newest);
    this.checked = true;
    return this.refusal;
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
