import { PREMISES_COMMANDS, main as runMain } from './main';
import { PREMISES_USAGE } from './usage';

/*
 * The entry point of the premises command (dist/suveren-premises-<version>.tgz): only the
 * commands a key host runs, so the bundle carries no CDK, evaluator or diff code.
 */

export function main(): void {
  runMain(PREMISES_COMMANDS, PREMISES_USAGE);
}
