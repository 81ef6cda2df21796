import { type CliIo, processIo } from './io';

/*
 * `suveren`: the commands that run on the customer's premises or in a pipeline, not in
 * AWS, one module per command, each loaded when it runs: `evidence` and `plan` need
 * aws-cdk-lib, `check-config` zod and yaml, and a 200 MB download should carry neither.
 * Each command returns an exit code; only `main` touches the process.
 *
 * Two command sets: the whole command (this repository, a pipeline) and the premises
 * command (dist/suveren-premises-<version>.tgz: upload, download, export, keygen, xks-proxy, hsm, erase, restore, continuity),
 * which is bundled from premises-main.ts and so carries no CDK code at all.
 */

export type { CliIo } from './io';

export type Command = (args: string[], io: CliIo, isTty: boolean) => Promise<number> | number;

/** The commands the key host runs; none needs the CDK. */
export const PREMISES_COMMANDS: Readonly<Record<string, Command>> = {
  // Loaded on demand: a transfer does not need the config or the proxy's modules.
  upload: (args, io, isTty) => (require('./upload') as typeof import('./upload')).uploadCommand(args, io, isTty),
  download: (args, io, isTty) => (require('./download') as typeof import('./download')).downloadCommand(args, io, isTty),
  export: (args, io, isTty) => (require('./export') as typeof import('./export')).exportCommand(args, io, isTty),
  keygen: (args, io) => (require('./keygen') as typeof import('./keygen')).keygen(args, io),
  'xks-proxy': (args, io) => (require('./xks-proxy') as typeof import('./xks-proxy')).xksProxyCommand(args, io),
  hsm: (args, io) => (require('./hsm') as typeof import('./hsm')).hsmCommand(args, io),
  erase: (args, io) => (require('./erase') as typeof import('./erase')).eraseCommand(args, io),
  restore: (args, io) => (require('./restore') as typeof import('./restore')).restoreCommand(args, io),
  continuity: (args, io) => (require('./continuity') as typeof import('./continuity')).continuityCommand(args, io),
};

export async function runCommands(
  commands: Readonly<Record<string, Command>>,
  usage: string,
  argv: string[],
  io: CliIo = processIo,
  isTty = Boolean(process.stderr.isTTY),
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(usage);
      return command === undefined ? 2 : 0;
    }
    const handler = Object.prototype.hasOwnProperty.call(commands, command) ? commands[command] : undefined;
    if (!handler) {
      io.err(`suveren: unknown command "${command}"\n\n${usage}`);
      return 2;
    }
    return await handler(rest, io, isTty);
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

export function mainOf(commands: Readonly<Record<string, Command>>, usage: string): void {
  runCommands(commands, usage, process.argv.slice(2), processIo, Boolean(process.stderr.isTTY)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    },
  );
}
