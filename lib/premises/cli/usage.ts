/* The `suveren` command's usage text, shown by `help` and with usage errors. */

const HEADER = `usage: suveren <command> [options]

commands:
`;

/** The commands a key host runs: the premises command carries only these. */
const PREMISES_COMMAND_LINES = `  upload --tenant <id> --file <path> [keys] [--recovery-public-key pem | --config file.yaml | --no-recovery]
         [--endpoint url] [--content-type type] [--quiet]
                             ask the tenant's upload endpoint for a slot, encrypt on this machine if the
                             tenant's tier says so (also for the recovery key), and upload
  download --tenant <id> --bucket <name> --key-id <object key> [keys...] [--recovery-key pem] --out <path> [--quiet]
                             download, and decrypt with whichever key the object needs; no partial
                             plaintext is ever left behind
  export --tenant <id> --bucket <name> --out <dir> [--quarantine-bucket <name>] [--all-versions]
         [--decrypt keys... | --recovery-key pem] [--config file.yaml] [--quiet]
                             every accepted object of the tenant's bucket, as its reader, with a manifest,
                             SHA256SUMS and a summary; resumes an interrupted export (docs/exit.md)
  export verify <dir>        check a finished export offline
  keys: --key <key file> | --pkcs11-module <library> --token <label> --key-label <label>
                             (PIN from SUVEREN_PKCS11_PIN or a prompt, never from argv)
  keygen --out <file> [--name <key name>]
                             create a tenant's AES-256 key file (mode 0600); keep it on premises
  keygen --pkcs11 --pkcs11-module <library> --token <label> --key-label <label> [--mechanism CKM_AES_GCM|CKM_AES_KEY_WRAP_PAD]
                             create a non-extractable AES-256 key in the HSM; never overwrites a label
  keygen --recovery --out <dir> [--passphrase]
                             create the offline RSA-4096 recovery pair and print its fingerprint
  xks-proxy serve | seal | unseal | check-config | verify-log | checkpoint-key | credential --config <proxy.yaml>
                             the External Key Store proxy next to your HSM, and its kill switch (docs/xks-proxy.md)
  hsm create-ca | sign-csr    the crypto officer's offline CA steps for an HSM cluster (suveren hsm for details)
`;

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

const HELP_LINE = `  help                       show this text
`;

export const USAGE = `${HEADER}${PREMISES_COMMAND_LINES}${LANDING_ZONE_COMMAND_LINES}${HELP_LINE}`;

/** The premises command's usage. */
export const PREMISES_USAGE = `${HEADER}${PREMISES_COMMAND_LINES}${HELP_LINE}`;
