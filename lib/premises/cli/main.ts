import { type CliIo, processIo } from './io';
import { USAGE } from './usage';

/*
 * `suveren`: the commands that run on the customer's premises or in a pipeline, not in
 * AWS, one module per command, each loaded when it runs: `evidence` needs aws-cdk-lib,
 * `check-config` zod and yaml, and a 200 MB download should carry neither. Each command
 * returns an exit code; only `main` touches the process.
 */

export type { CliIo } from './io';

export async function run(argv: string[], io: CliIo = processIo, isTty = Boolean(process.stderr.isTTY)): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'upload':
        // Loaded on demand: a transfer does not need the config or CDK modules.
        return await (require('./upload') as typeof import('./upload')).uploadCommand(rest, io, isTty);
      case 'download':
        return await (require('./download') as typeof import('./download')).downloadCommand(rest, io, isTty);
      case 'check-config':
        return (require('./check-config') as typeof import('./check-config')).checkConfig(rest, io);
      case 'evidence':
        return await (require('./evidence') as typeof import('./evidence')).evidence(rest, io);
      case 'plan':
        return await (require('./plan') as typeof import('./plan')).planCommand(rest, io);
      case 'keygen':
        return await (require('./keygen') as typeof import('./keygen')).keygen(rest, io);
      case 'xks-proxy':
        return await (require('./xks-proxy') as typeof import('./xks-proxy')).xksProxyCommand(rest, io);
      case 'hsm':
        return (require('./hsm') as typeof import('./hsm')).hsmCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`suveren: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    // Bad flags (parseArgs) are the user's to fix: say so, no stack trace.
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`suveren ${command}: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

export function main(): void {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    },
  );
}
