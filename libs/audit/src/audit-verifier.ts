import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { ChainProblem, ChainVerifier, checkpointMessage } from './audit-chain';
import { AuditAppendGuard, WitnessingState } from './audit-append-guard';
import { AuditSigner } from './audit-signer';
import { AuditStore, PAGE } from './audit-store';
import { WitnessCursor } from './witness-cursor';
import { readNewestWitnessLine, readWitnessLines, witnessFileSize } from './witness-file';
import { WitnessLine } from './witness-line';
import { insideFolder, judgeWitnessLine } from './witness-judgement';
import { WebhookState, WitnessWebhook } from './witness-webhook';

export interface VerificationResult {
  ok: boolean;
  entries: number;
  headHash: string;
  checkpoints: { checked: number; keyId: string };
  /** The witness the log was held against: its newest line decides whether entries were cut or rewritten. */
  witness: {
    /** The setting that names it (never the path: this result is served over HTTP; the CLI prints the path). */
    setting: 'AUDIT_WITNESS_PATH';
    /** Lines compared with the log; lines that were not witness lines, or went back in seq, are `ignored`. */
    checked: number;
    ignored: number;
    newest: { seq: number; hash: string; at: string; keyId: string } | null;
    insideDataDir: boolean;
    webhook: (WebhookState & { url: string }) | null;
  };
  /** Where the key comes from, by setting: AUDIT_KEY (the environment) or AUDIT_KEY_PATH (a file). */
  key: { keyId: string; setting: 'AUDIT_KEY' | 'AUDIT_KEY_PATH'; insideDataDir: boolean };
  /** Whether this process is witnessing, and if not, why (a line the key did not sign, a shrunk witness, a held lock). */
  witnessing: WitnessingState;
  /** Whether this process refuses appends (its start-up check, or a witness pass, found the log under the witness). */
  appends: { refused: boolean; problem: ChainProblem | null };
  firstProblem: ChainProblem | null;
  message: string;
  seconds: number;
}

/** The order in which problems at the same entry are named: the most specific first. */
const RANK: Record<string, number> = { chain: 0, checkpoint: 1, kept: 2, witness: 3 };

/**
 * Recomputes the whole chain, page by page (memory stays flat), and holds against it every signed checkpoint in
 * the database, a checkpoint an officer kept, and every line of the witness; names the first entry that does not
 * match any of them. Only the witness survives an attacker who holds the database and the key in DATA_DIR.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: AuditStore,
    private readonly signer: AuditSigner,
    private readonly guard: AuditAppendGuard,
    private readonly webhook: WitnessWebhook,
  ) {}

  async verify(kept?: { seq: number; hash: string }): Promise<VerificationResult> {
    const started = process.hrtime.bigint();
    const witnessPath = this.config.audit.witnessPath;
    // Only what existed before the pages are read counts: a checkpoint or witness line committed while they are
    // read covers entries past the last page, which would look like a cut tail on a healthy, busy log.
    const witnessSize = await witnessFileSize(witnessPath);
    const newestWitness = await readNewestWitnessLine(witnessPath, witnessSize);
    const newestCheckpoint = await this.store.lastCheckpoint();
    const lines = readWitnessLines(witnessPath, witnessSize);
    const witness = new WitnessCursor(lines);
    const verifier = new ChainVerifier();
    // The earliest problem so far (memory stays flat however much of the log is wrong).
    const earliest: { problem: ChainProblem | null; rank: number } = { problem: null, rank: 0 };
    const note = (source: string, problem: ChainProblem | null) => {
      const best = earliest.problem;
      if (problem && (!best || problem.seq < best.seq || (problem.seq === best.seq && RANK[source] < earliest.rank)))
        Object.assign(earliest, { problem, rank: RANK[source] });
    };
    // A witness line can name nothing before its own seq (a cut: before the log's end + 1), and the witness ranks
    // last at a seq: once a problem is known at or before that, the line is not judged (no signature checked).
    const mayNameEarlier = (seq: number) => !earliest.problem || seq < earliest.problem.seq;
    let checkedCheckpoints = 0;
    let checkedLines = 0;
    const signed = (line: { seq: number; hash: string; signature: string }) => () =>
      this.signer.signed(checkpointMessage(line.seq, line.hash), line.signature);
    const isNewest = (line: WitnessLine) => line.seq === newestWitness?.seq && line.hash === newestWitness.hash;
    try {
      for (let after = 0; ;) {
        const page = await this.store.page(after);
        if (!page.length) break;
        const sound = verifier.feed(page);
        // Entries up to the first bad one are sound: hold them against the checkpoints and the witness too.
        const first = page[0].seq;
        const soundUpTo = verifier.headSeq;
        const hashAt = (seq: number) => (seq <= soundUpTo ? page[seq - first]?.hash : undefined);
        for (const checkpoint of await this.store.checkpointsBetween(first - 1, soundUpTo)) {
          const altered = checkpoint.hash !== hashAt(checkpoint.seq);
          // A checkpoint that agrees with the log adds nothing; the newest one's signature says the key is ours.
          const unsigned = !altered && checkpoint.seq === newestCheckpoint?.seq && !signed(checkpoint)();
          if (altered || unsigned)
            note('checkpoint', {
              seq: checkpoint.seq,
              problem: 'content_altered',
              message: altered
                ? `entry ${checkpoint.seq} does not match the signed checkpoint for it`
                : `the checkpoint of entry ${checkpoint.seq} is not signed by the audit key`,
            });
          else checkedCheckpoints++;
        }
        if (kept && kept.seq >= first && kept.seq <= soundUpTo && kept.hash !== hashAt(kept.seq))
          note('kept', {
            seq: kept.seq,
            problem: 'content_altered',
            message: `entry ${kept.seq} does not match the checkpoint you kept for it`,
          });
        for (const line of await witness.upTo(soundUpTo)) {
          if (!mayNameEarlier(line.seq)) continue;
          checkedLines++;
          const chainAt = { headSeq: soundUpTo, hash: hashAt(line.seq) };
          note('witness', judgeWitnessLine(line, chainAt, signed(line), isNewest(line)));
        }
        if (!sound || page.length < PAGE) break;
        after = page[page.length - 1].seq;
      }
      note('chain', verifier.problem);
      // Past the end of an intact chain, a checkpoint, a kept one or a witness line means entries were cut off.
      const end = verifier.count;
      if (!verifier.problem) {
        const [beyond] =
          newestCheckpoint && newestCheckpoint.seq > end
            ? await this.store.checkpointsBetween(end, newestCheckpoint.seq, 1)
            : [];
        const cut = (covered: string) => ({
          seq: end + 1,
          problem: 'missing' as const,
          message: `entries from ${end + 1} are missing: ${covered}`,
        });
        if (beyond) note('checkpoint', cut(`a checkpoint covers entry ${beyond.seq}`));
        if (kept && kept.seq > end) note('kept', cut(`the checkpoint you kept covers entry ${kept.seq}`));
        // The first line there that the key signed proves the cut; lines it did not sign are named as such.
        for (let line = await witness.next(); line && mayNameEarlier(end + 1); line = await witness.next()) {
          checkedLines++;
          const problem = judgeWitnessLine(line, { headSeq: end, hash: undefined }, signed(line), isNewest(line));
          note('witness', problem);
          if (problem?.problem === 'missing') break;
        }
      }
    } finally {
      await lines.return(undefined);
    }
    const firstProblem = earliest.problem;
    const webhookState = this.webhook.url
      ? { url: new URL(this.webhook.url).origin, ...(await this.webhook.state(this.guard.state.witnessedSeq)) }
      : null;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      ok: !firstProblem,
      entries: verifier.count,
      headHash: verifier.headHash,
      checkpoints: { checked: checkedCheckpoints, keyId: this.signer.keyId },
      witness: {
        setting: 'AUDIT_WITNESS_PATH',
        checked: checkedLines,
        ignored: witness.ignored,
        newest: newestWitness && {
          seq: newestWitness.seq,
          hash: newestWitness.hash,
          at: newestWitness.at,
          keyId: newestWitness.keyId,
        },
        insideDataDir: insideFolder(this.config.dataDir, witnessPath),
        webhook: webhookState,
      },
      key: {
        keyId: this.signer.keyId,
        setting: this.signer.path === null ? 'AUDIT_KEY' : 'AUDIT_KEY_PATH',
        insideDataDir: this.signer.path !== null && insideFolder(this.config.dataDir, this.signer.path),
      },
      witnessing: this.guard.witnessing,
      appends: { refused: this.guard.state.refused, problem: this.guard.state.problem },
      firstProblem,
      message: firstProblem ? firstProblem.message : `all ${verifier.count} entries verify`,
      seconds: Number(seconds.toFixed(3)),
    };
  }
}
