import type { CliIo } from '@suveren/premises/cli/io';
import { type Command, PREMISES_COMMANDS, mainOf, runCommands } from '@suveren/premises/cli/run';
import { USAGE } from './usage';

/*
 * The whole `suveren` command, as this repository and a pipeline run it: the premises
 * commands (packages/premises/cli/run.ts) and those that read the landing zone, which need
 * aws-cdk-lib and are loaded only when they run.
 */

export type { CliIo } from '@suveren/premises/cli/io';

/** Every command: the premises ones, and those that read the landing zone. */
export const ALL_COMMANDS: Readonly<Record<string, Command>> = {
  ...PREMISES_COMMANDS,
  'check-config': (args, io) => (require('./check-config') as typeof import('./check-config')).checkConfig(args, io),
  evidence: (args, io) => (require('./evidence') as typeof import('./evidence')).evidence(args, io),
  conformance: (args, io) => (require('./conformance') as typeof import('./conformance')).conformanceCommand(args, io),
  plan: (args, io) => (require('./plan') as typeof import('./plan')).planCommand(args, io),
  migrate: (args, io) => (require('./migrate') as typeof import('./migrate')).migrateCommand(args, io),
  pipeline: (args, io) => (require('./pipeline') as typeof import('./pipeline')).pipelineCommand(args, io),
  organization: (args, io) => (require('./organization') as typeof import('./organization')).organizationCommand(args, io),
  accounts: (args, io) => (require('./accounts') as typeof import('./accounts')).accountsCommand(args, io),
  'management-policy': (args, io) => (require('./management-policy') as typeof import('./management-policy')).managementPolicyCommand(args, io),
};

export function run(argv: string[], io?: CliIo, isTty?: boolean): Promise<number> {
  return runCommands(ALL_COMMANDS, USAGE, argv, io, isTty);
}

export function main(): void {
  mainOf(ALL_COMMANDS, USAGE);
}
