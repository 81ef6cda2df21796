import { PREMISES_COMMANDS, mainOf, runCommands } from './run';
import type { CliIo } from './io';
import { PREMISES_USAGE } from './usage';

/*
 * The entry point of the premises command (dist/suveren-premises-<version>.tgz): only the
 * commands a key host runs, so the bundle carries no CDK, evaluator or diff code.
 */

export function run(argv: string[], io?: CliIo, isTty?: boolean): Promise<number> {
  return runCommands(PREMISES_COMMANDS, PREMISES_USAGE, argv, io, isTty);
}

export function main(): void {
  mainOf(PREMISES_COMMANDS, PREMISES_USAGE);
}
