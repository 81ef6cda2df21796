/* The `suveren` command's usage text, shown by `help` and with usage errors. */

export const USAGE = `usage: suveren <command> [options]

commands:
  check-config <file.yaml>   validate a landing-zone config and summarize its tenants
  upload --tenant <id> --file <path> [--key tenant.key] [--endpoint url] [--content-type type] [--quiet]
                             ask the tenant's upload endpoint for a slot, encrypt on this machine if the
                             tenant's tier says so, and upload
  download --tenant <id> --bucket <name> --key-id <object key> [--key tenant.key] --out <path> [--quiet]
                             download, and decrypt with --key; no partial plaintext is ever left behind
  keygen --out <file> [--name <key name>]
                             create a tenant's AES-256 wrapping key (file mode 0600); keep it on premises
  hsm create-ca | sign-csr    the crypto officer's offline CA steps for an HSM cluster (suveren hsm for details)
  evidence [--assembly cdk.out] [--config file.yaml] [--format md,json,html] [--out dir]
                             write the evidence report of a synthesized assembly
  help                       show this text
`;
