import { usageWith } from '@suveren/premises/cli/usage';

/* The whole `suveren` command's usage: the premises commands, then those that read the landing zone. */

/** The commands that read the landing zone (they need aws-cdk-lib). */
const LANDING_ZONE_COMMAND_LINES = `  check-config <file.yaml>   validate a landing-zone config and summarize its tenants
  evidence [--assembly cdk.out] [--config file.yaml] [--format md,json,html] [--lang en,sv,nb] [--out dir]
                             write the evidence report of a synthesized assembly, in English, Swedish
                             and/or Norwegian bokmål (default: the config's evidence.languages)
  conformance [--aggregator suveren] [--region <audit region>] [--assembly cdk.out] [--config file.yaml]
              [--format md,json,html] [--lang en,sv,nb] [--out dir]
                             the evidence report with what AWS Config reports of the deployed
                             landing zone (audit account credentials); exit 3 when anything
                             is NON_COMPLIANT
  plan --baseline <cdk.out dir | git ref> [--assembly cdk.out] [--config file.yaml] [--format md,json] [--out dir]
                             what a deployment of the assembly would change, evaluated: refuses data loss
                             unless acknowledged (exit 2), shows who gains or loses access (docs/plan.md)
  migrate --tenant <id> --bucket <data> --quarantine-bucket <q> --from-key <arn> --to-key <arn> [--method auto|update|copy]
                             after a tier raise, re-key every stored version onto the new key as the
                             migration role; lists what stays under the old key until it expires
  organization prepare --config file.yaml [--assembly cdk.out] [--dry-run] [--enable-all-features]
                             the organization's prerequisites, once, with management-account credentials:
                             policy types, trusted access, delegated administrators, the narrowed
                             bootstrap, the management account's recorder; each call made or skipped
  accounts create --config file.yaml [--dry-run] [--region <allowed region>]
                             create the accounts the config asks for (account: { create: ... }) in their
                             OUs, with management-account credentials, and record them in its lock file
  accounts policy --config file.yaml
                             the IAM policy of the management-account role that runs accounts create
  management-policy [--config file.yaml]
                             the execution policy for the management account's hand bootstrap (docs/deploying.md)
  pipeline plan | deploy     what Suveren-Pipeline's builds run: the plan against the deployed baseline,
                             and one deploy action's stacks, each recorded as deployed (docs/deploying.md)
`;

export const USAGE = usageWith(LANDING_ZONE_COMMAND_LINES);
