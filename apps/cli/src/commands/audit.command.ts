import { Command } from 'commander';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';
import { withContext } from './nest-context';
import type { AppConfig } from '@qinglang/config';
import { AuditPaths, describeVerification } from './audit-report';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit log');
  audit
    .command('verify')
    .description(
      'Recompute the hash chain and hold it against the signed checkpoints and the witness; exit 3 and name the first entry that does not match',
    )
    .option('--checkpoint <seq:hash>', 'also prove that a checkpoint you kept still holds')
    .option('--json', 'print JSON')
    .action(async (options: { checkpoint?: string; json?: boolean }) => {
      const kept = options.checkpoint?.match(/^(\d+):([0-9a-f]{64})$/);
      if (options.checkpoint && !kept) throw new CliError('--checkpoint takes <seq>:<64 hex digits>');
      const [{ AuditLog }, { APP_CONFIG }] = await Promise.all([import('@qinglang/audit'), import('@qinglang/config')]);
      const { result, paths } = await withContext(async (get) => {
        const audit = get(AuditLog);
        const paths: AuditPaths = { witness: get<AppConfig>(APP_CONFIG).audit.witnessPath, key: audit.signer.path };
        return { result: await audit.verify(kept ? { seq: Number(kept[1]), hash: kept[2] } : undefined), paths };
      });
      // The operator's own machine: here, unlike over HTTP, the paths are shown.
      if (options.json) process.stdout.write(`${JSON.stringify({ ...result, paths })}\n`);
      else process.stdout.write(describeVerification(result, paths));
      if (!result.ok) throw new CliError(result.message, EXIT.auditMismatch);
    });
}
