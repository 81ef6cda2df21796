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
  erase --tenant <id> --key <objects/...> --bucket <data> [--quarantine-bucket <q>]
        [--replica-bucket <r> --replica-region <region>] [--reason text] [--record file]
                             as the tenant's eraser: every version of one object, its quarantine
                             copies and its replica's versions deleted, each printed, and a record
                             written (docs/people.md, docs/continuity.md)
  restore --tenant <id> --bucket <data> --source <replica or data bucket> [--source-region <region>]
          (--prefix objects/... | --all) [--as-of <ISO time>] --out <dir>
                             as the tenant's restorer: the accepted versions the data bucket lacks,
                             copied back by S3 and verified, each pending inspection again; resumable
  continuity drill --tenant <id> --bucket <data> --replica-bucket <r> --replica-region <region>
                   [--sample N] [--report file]
                             as the tenant's reader: a random sample of replicas read back and
                             verified, the replication lag and failures (docs/continuity.md)
  continuity replicate --tenant <id> --bucket <data> --account <id> --region <region>
                       [--failed-only] [--no-wait]
                             as the tenant's restorer: an S3 Batch Replication job over the versions
                             that never replicated or failed, followed to its end
`;

const HELP_LINE = `  help                       show this text
`;

/** The usage of a command that runs the premises commands and, after them, those in `commandLines`. */
export function usageWith(commandLines: string): string {
  return `${HEADER}${PREMISES_COMMAND_LINES}${commandLines}${HELP_LINE}`;
}

/** The premises command's usage. */
export const PREMISES_USAGE = usageWith('');
