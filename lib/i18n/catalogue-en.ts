/*
 * Every sentence of the evidence report, in English. The Swedish and Norwegian
 * catalogues have exactly these keys (the type system and test/evidence/catalogues.test.ts
 * both check it). `{name}` is a parameter the renderer fills in; `**bold**` and
 * `` `code` `` are the only markup, rendered by both the markdown and the HTML writer.
 *
 * Facts, not conclusions: each sentence states what the templates show or cites the
 * rule it is relevant to. Whether a transfer takes place, whether a measure suffices and
 * what risk is acceptable are the controller's assessments.
 */
export const EN = {
  // The report's frame
  'report.title': 'suveren evidence report',
  'report.generated': 'Generated from the synthesized cloud assembly of `{configFile}`. Schema `{schema}` {version}. Language: English.',
  'report.standing.label': 'What this report is.',
  'report.standing':
    "This report is supporting material for the controller's own assessments (its data protection impact assessment, risk analysis and, in Sweden, the secrecy assessment under OSL 10 kap. 2 a §). It states what the synthesized templates show and cites the rule each fact is relevant to; it draws no legal conclusion. The controller's decision, signed by its decision-maker after consulting its data protection officer, governs.",
  'report.classifications.label': 'Classifications.',
  'report.classifications':
    "The classifications open, internal, confidential and secret are suveren's own data classes, which choose a tier of key custody. They are not security-protection classification levels, and information classified under security-protection law (in Sweden säkerhetsskyddslagen, in Norway sikkerhetsloven) is out of scope for this platform.",
  'report.quoted':
    'Policy, alarm and finding descriptions, acknowledgment reasons and run-time annotations are quoted from the templates, the validation report and AWS Config as they are written there.',
  'classification.label': '`{classification}` (suveren data class, not security-classified)',

  // Words used in many places
  'common.yes': 'yes',
  'common.no': 'no',
  'common.unresolved': 'unresolved',
  'common.nobody': 'nobody',
  'common.none': 'none',
  'common.unknown': 'unknown',
  'common.notProvided': 'not provided',

  // Summary
  'summary.heading': 'Summary',
  'summary.allowedRegions': 'Allowed regions: {regions}',
  'summary.scpRegions': 'Regions the region-guard SCP allows: {regions}',
  'summary.noRegionGuard': 'no region-guard SCP in the assembly',
  'summary.gates': 'Checks at synth: {state}. Open findings: {findings}; accepted deviations: {acknowledgments}, listed under "{where}".',
  'summary.gates.passed': 'completed',
  'summary.gates.failed': '**failed**',
  'summary.gates.notRun': '**not run** (no validation report)',
  'summary.accessMatrix': 'Access matrix: {state}',
  'summary.tenants': 'Tenants: {count}',
  'accessMatrix.computed': 'computed',
  'accessMatrix.notRequested': 'not computed: not requested',
  'accessMatrix.switchedOff': 'not computed: switched off ({switch}=off or the accessMatrix option)',
  'accessMatrix.noEvaluator':
    'not computed: the IAM evaluator @cloud-copilot/iam-simulate is not installed (it is a development dependency: npm ci installs it)',
  'column.tenant': 'tenant',
  'column.name': 'name',
  'column.classification': 'classification',
  'column.tier': 'tier',
  'column.region': 'region',
  'column.account': 'account',
  'column.providerPlaintext': 'provider can see plaintext',

  // A tenant
  'tenant.heading': 'Tenant {id}: {name}',
  'tenant.intro': '{classification} data, tier `{tier}`, stack `{stack}` in {region} (account {account}).',
  'tenant.unresolvedRegion': 'an unresolved region',
  'tenant.guardrails': '**Guardrails that apply** (if the account is under these targets):',
  'tenant.guardrail': '{name} ({type}), attached to {targets}',
  'tenant.uploadInspection': 'Upload inspection.',
  'tenant.erasure': 'Erasure (GDPR Art. 17).',
  'erasure.groups':
    '{deleters} may delete object versions by a direct call, as the IAM evaluator decided for the principals of the access matrix. A person erases as {role}, with suveren erase, which deletes every version and quarantine copy of an object and writes a record of it; IAM Identity Center {count, plural, one {group} other {groups}} {groups} {count, plural, one {holds} other {hold}} that role.',
  'erasure.noGroup':
    '{deleters} may delete object versions by a direct call, as the IAM evaluator decided for the principals of the access matrix. A person erases as {role}, with suveren erase, but no IAM Identity Center group is assigned that role: assign one before an erasure request comes.',
  'tenant.recovery': 'Recovery key.',

  // Buckets
  'bucket.data': 'Data bucket',
  'bucket.quarantine': 'Quarantine bucket',
  'bucket.accessLog': 'Access-log bucket',
  'bucket.region': 'region',
  'bucket.encryption': 'encryption at rest',
  'bucket.bucketKeys': 'S3 Bucket Keys',
  'bucket.versioning': 'versioning',
  'bucket.publicAccessBlocked': 'public access blocked',
  'bucket.aclsDisabled': 'ACLs disabled',
  'bucket.accessLogging': 'access logging',
  'bucket.objectLock': 'Object Lock',
  'bucket.denyWithoutTls': 'denies requests without TLS',
  'bucket.tlsFloor': 'TLS floor',
  'bucket.keyPinned': "uploads pinned to the bucket's key",
  'bucket.keyPinned.notApplicable': 'not applicable (no KMS key)',
  'bucket.dataPrincipals': 'only these principals may touch data',
  'bucket.configurationPrincipals': 'only these principals may reconfigure the bucket',
  'encryption.sseKms': 'SSE-KMS (AES-256-GCM under a KMS key)',
  'encryption.sseS3': 'SSE-S3 (AES-256, S3-managed key)',
  'encryption.none': 'none',
  'encryption.other': '{algorithm}',
  'objectLock.days': '{mode} for {count, plural, one {{count} day} other {{count} days}}',
  'objectLock.years': '{mode} for {count, plural, one {{count} year} other {{count} years}}',

  // Keys
  'key.heading': 'Key `{id}`',
  'key.heldIn': 'Held in {custody}.',
  'key.rotation': 'rotation',
  'key.multiRegion': 'multi-Region',
  'key.deletionWindow': 'deletion window',
  'key.deletionDays': '{days, plural, one {{days} day} other {{days} days}}',
  'key.deletionDefault': 'the default',
  'key.trustsRoot': 'key policy trusts the account root (IAM could grant use)',
  'key.users': 'Who may use the key:',
  'key.administrators': 'Who may administer the key:',
  'key.via': '(only via {services})',
  'custody.awsKms': 'AWS KMS (AWS-operated HSMs), customer-managed key',
  'custody.awsKms.clientSide':
    "AWS KMS (AWS-operated HSMs), as the second layer. The first layer, encryption on the customer's premises, cannot be seen in a template: the upload inspection, which refuses anything but this tenant's ciphertext, is what shows it in operation",
  'custody.awsKms.hsmPending': "AWS KMS (AWS-operated HSMs): this tenant's CloudHSM-backed key is not in the template yet",
  'custody.external':
    "a KMS external key store (`{store}`): the key material is the customer's HSM key `{xksKeyId}`, on its premises, used through the XKS proxy the customer runs; origin EXTERNAL_KEY_STORE, single-Region. KMS cannot rotate it: the key material is rotated in the HSM behind the same id (docs/xks-runbook.md)",
  'custody.cloudhsm':
    'a KMS custom key store (`{store}`) on a CloudHSM cluster that no other AWS customer uses, dedicated to the key-custody account and shared by its hsm tenants, whose crypto officer is the customer; origin AWS_CLOUDHSM, single-Region. Keys in a custom key store cannot rotate automatically: they are rotated by hand (docs/hsm-runbook.md)',
  'custody.unknown': 'an unknown key store',

  // The access matrix
  // The reach graph (lib/reach)
  'reach.heading': 'Who can reach plaintext (every path, computed by the IAM evaluator)',
  'reach.explain':
    "Each principal that can reach the tenant's plaintext, by itself or in steps (assuming a role, passing one to a service, creating a StackSet, starting a build, updating a stack or a function, rewriting a policy, having S3 copy the data), with its shortest path and what stands in its way. Every step is a request the IAM evaluator allowed over the synthesized templates, with identity and resource policies, the SCPs, the RCP and permission boundaries ({principals, plural, one {{principals} principal} other {{principals} principals}}, {evaluations, plural, one {{evaluations} request} other {{evaluations} requests}} decided).",
  'reach.none': 'No principal of the graph reaches plaintext.',
  'reach.path': '{who}: {steps}.',
  'reach.replica':
    'The replica in {region} (bucket {bucket}), searched the same way from the same principals ({evaluations, plural, one {{evaluations} request} other {{evaluations} requests}} decided): who can reach its plaintext.',
  'reach.replicaNone': "No principal of the graph reaches the replica's plaintext.",
  'reach.step.assume': 'assumes {to}',
  'reach.step.pass-and-run.cloudformation': 'passes {to} to CloudFormation and deploys a stack as it',
  'reach.step.pass-and-run.stacksets': 'creates a StackSet whose stacks run as {to} in the member accounts',
  'reach.step.pass-and-run.lambda': 'passes {to} to a function (a new one, or one it reconfigures) and runs its own code as it',
  'reach.step.pass-and-run.codebuild': 'passes {to} to a build project and runs its own build as it',
  'reach.step.run-attached.cloudformation': 'updates a stack that {to} deploys',
  'reach.step.run-attached.change-set': 'creates and executes a change set of a stack that {to} deploys',
  'reach.step.run-attached.codebuild': 'starts a build of a project that runs as {to}, with a buildspec of its own',
  'reach.step.run-attached.codepipeline': 'changes the pipeline that runs {to}, taking out its approval',
  'reach.step.invoke': 'invokes a function that runs as {to}, with input of its own',
  'reach.step.rewrite-policy': 'rewrites the policies of {to}, which it can become, to allow what the boundary and the SCPs leave',
  'reach.step.remove-boundary': 'removes the permissions boundary of {to}',
  'reach.step.assign': "assigns the permission set of {to} in the tenant's account to a user or group it controls, and signs in through it",
  'reach.step.change-code': 'changes the code of a function that runs as {to}',
  'reach.step.rewrite-trust': 'rewrites the trust of {to} and assumes it',
  'reach.step.rewrite-own-policy': 'gives itself more permissions by rewriting its own policies',
  'reach.end.decrypt': 'decrypts a copy of the ciphertext (kms:Decrypt called directly)',
  'reach.end.read': 'reads an accepted object, which S3 decrypts for it',
  'reach.end.rewrite-key-policy': 'rewrites the key policy to let itself decrypt (through S3, or a copy of the ciphertext)',
  'reach.end.grant': 'creates a KMS grant for itself, and decrypts (through S3, or a copy of the ciphertext)',
  'reach.end.rewrite-bucket-policy': 'rewrites the bucket policy to let itself read',
  'reach.end.re-encrypt': 're-encrypts the data keys under a key it holds, and decrypts them',
  'reach.end.replicate': 'configures replication of the bucket with a role S3 acts as, so that S3 decrypts the objects and copies them to a bucket it holds',
  'reach.end.batch-copy': 'starts an S3 Batch Operations job with a role that may read, so that S3 decrypts the objects and copies them to a bucket it holds',
  'reach.gates': 'Gates: {gates}.',
  'reach.noGates': 'Gates: **none**.',
  'reach.gate.approval': 'the approval of {approvers}',
  'reach.gate.break-glass': 'break-glass, which raises the alarm `{alarm}`',
  'reach.gate.boundary': 'the permissions boundary `{policy}`',
  'reach.gate.proxy': 'only while the XKS proxy of key store `{keyStore}` serves (its kill switch cuts the path)',
  'reach.gate.mfa': 'a session signed in with MFA',
  'reach.gate.next-release': "the pipeline's next release, whose approvers approve the release and do not see the changed project",
  'reach.grantsAtRunTime': 'KMS grants exist only at run time (ListGrants): the templates cannot show them, so neither can this graph.',
  'reach.clientSide':
    "No AWS principal reaches plaintext: objects are encrypted on the customer's premises before upload, and S3 holds ciphertext only. Plaintext is within reach of whoever holds the tenant's key (key file or HSM key) and its offline recovery key, on the premises.",
  'reach.cryptoUsers':
    'Outside IAM: whoever holds the crypto-user credentials of cluster `{cluster}` (the kmsuser password in the key-custody secret, which only the key handler and the crypto officer may read) can use the keys in the HSMs.',
  'access.directOnly': 'The table below shows **direct calls only**: one request per principal, no steps. The paths above are what each can reach.',

  'access.heading': 'Who can do what (computed by the IAM evaluator over the templates)',
  'access.explain':
    "Decided by the IAM evaluator over the synthesized templates, with each principal's identity policies, the bucket and key policies, the SCPs and the RCP; administrators hold AdministratorAccess.",
  'access.hover': 'Hover a cell for the deciding statement.',
  'access.principal': 'principal',
  'access.only': 'Only these may **{capability}** ({meaning}): {principals}.',
  'capability.write': 'write',
  'capability.read': 'read',
  'capability.list-versions': 'list versions',
  'capability.decrypt': 'decrypt',
  'capability.delete': 'delete',
  'capability.reconfigure': 'reconfigure',
  'capability.write.meaning':
    'PutObject of a new object under {prefix} with SSE-KMS under the tenant key and the inspection tag "{tag}" (with the KMS call S3 makes as the caller)',
  'capability.read.meaning': 'GetObject of an object the inspection accepted (with the Decrypt S3 makes as the caller)',
  'capability.list-versions.meaning':
    "ListObjectVersions under {prefix}: every version's key, size and date, pending and deleted ones included, no content (what suveren export needs)",
  'capability.decrypt.meaning': 'kms:Decrypt on the tenant key called directly, as with a copied ciphertext',
  'capability.delete.meaning': 'DeleteObjectVersion: permanent deletion of an object version',
  'capability.reconfigure.meaning': 'PutBucketPolicy on the data bucket or PutKeyPolicy on the tenant key',
  'principal.deployRole': 'the CDK deploy role of account {account}',
  'principal.cfnExec': 'the CloudFormation execution role of account {account} (what every deployment runs as)',
  'principal.outsider': 'a principal outside the organization (with AdministratorAccess in its own account)',
  'principal.deploymentAdministrator': "deployment account administrator (Suveren-Pipeline's account, trusted by design)",
  'principal.managementAdministrator': 'management account administrator (no SCP or RCP binds it)',
  'principal.stackSetExecution': 'the StackSets execution role AWS creates in account {account} (stacksets-exec-*)',
  'principal.pipelineDeploy': "Suveren-Pipeline's deploy project ({name}), running a released change",
  'principal.custodyRole': 'key-custody account: role {name}',
  'principal.tenantRole': 'tenant role {name}',
  'principal.externalKeyProvisioner': 'key-custody account: external key provisioner role',
  'principal.hsmKeyProvisioner': 'key-custody account: HSM key provisioner role',
  'principal.custodyBreakGlass': 'key-custody account: break-glass role',
  'principal.custodyAdministrator': 'key-custody account administrator',
  'principal.deployment': 'platform deployment role (CloudFormation execution)',
  'principal.conformanceRule': 'AWS Config conformance rule role',
  'principal.breakGlass': 'break-glass role',
  'principal.replicaAccountAdministrator': 'replica account administrator',
  'principal.tenantAdministrator': 'tenant account administrator',
  'principal.identityCenterGroups': 'members of IAM Identity Center {count, plural, one {group} other {groups}} {groups} (permission set {permissionSet})',
  'principal.identityCenterGroup': 'members of IAM Identity Center group {group} (permission set {permissionSet}, signed in as {role})',
  'principal.identityCenterAdministrator': 'IAM Identity Center administrator (delegated administrator account {account})',
  'principal.otherTenantAdministrator': "another tenant's administrator ({tenant})",

  // Upload inspection
  'upload.none': 'No upload inspection is deployed: the template has no inspection function. Objects are protected by the bucket policy alone.',
  'upload.triggered': 'Every new object is checked by an inspection function: SSE-KMS under the tenant key.',
  'upload.notTriggered': '**No event source**: objects are not checked by the inspection function, which would check SSE-KMS under the tenant key.',
  'upload.clientSide':
    "For this tier it also reads an AWS Encryption SDK message (committing suite, this tenant's and this object's encryption context, allowed key providers) from the object's first bytes, without decrypting.",
  'upload.quarantine': 'Accepted objects are tagged; rejected versions are copied to the quarantine bucket `{bucket}` and only then deleted.',
  'upload.deadLetter': 'Failed inspections retry, then go to a dead-letter queue.',
  'upload.noDeadLetter': '**No dead-letter queue.**',

  // Recovery key (client-side)
  'recovery.configured':
    "Every object is also wrapped (RSA-OAEP-SHA-256) for the tenant's offline recovery key {fingerprint}; the templates hold only its public half, and the inspection function quarantines any object that is not wrapped for it. Losing the primary key (key file or HSM) loses no data only as long as the customer keeps the recovery key's private half: where and by whom it is kept is the controller's to record, and if it was not kept, losing the primary key loses every object.",
  'recovery.missing':
    "**No recovery key is configured.** The tenant's primary key (key file or HSM) is the only key: if it is lost, every object encrypted under it is lost. Uploads need an explicit --no-recovery. Configure tenants[].clientSide.recoveryPublicKey (docs/client-side-keys.md).",

  // External key store
  'xks.heading': 'External key store',
  'xks.store': "**External key store** `{name}`{where}: {reach}; the tenant's key is `{keyId}` in the customer's HSM.",
  'xks.where': ' (stack `{stack}`, account {account})',
  'xks.reach.vpc': "KMS reaches the customer's proxy at `{endpoint}` through a VPC endpoint service only KMS may use",
  'xks.reach.public': "KMS reaches the customer's proxy at `{endpoint}` through **a public endpoint, over the internet**",
  'xks.notDeclared': '**not declared yet** (stage 1: the proxy credential is not configured, so KMS cannot use the key)',
  'xks.keyOriginScp': 'A key-origin SCP lets KMS create only external-key-store keys in that account.',
  'xks.noKeyOriginScp': '**No key-origin SCP is attached to the store account.**',
  'xks.killSwitch': 'Kill switch.',
  'xks.killSwitch.bucketKeys':
    "Sealing the customer's proxy makes KMS refuse every further encrypt and decrypt under this key, but **S3 Bucket Keys are on**: S3 keeps using a cached bucket-level key for a period AWS does not state, so the seal takes effect only once that cache expires.",
  'xks.killSwitch.sealed':
    "Sealing the customer's proxy (`suveren xks-proxy seal`, or its flag file) makes it refuse every encrypt and decrypt from its next request: the proxy reads the flag on every request. S3 Bucket Keys are off for this tier, so every object write and read asks KMS, which asks the proxy: once sealed, no object under this key is written or read. Requests whose key was already decrypted before the seal complete, and what was read before is not recalled. While unsealed, AWS can still be compelled to use the key; the proxy's audit log records every use.",
  'xks.alarms': '**Alarms on the store** (KMS XKS metrics):',
  'xks.noAlarms': '**No alarms on the store.**',

  // Technical annex
  'annex.heading': "Technical annex for the controller's assessment",
  'annex.intro':
    'Who can technically reach plaintext, keys or metadata in this tier. Likelihood, consequence, residual risk and acceptance are not generated here: the controller records them in its own case file.',
  'annex.kind.us-law-enforcement': 'US law-enforcement access: the Stored Communications Act (18 U.S.C. 2701 ff.), as amended by the CLOUD Act (2018)',
  'annex.kind.us-intelligence':
    'US intelligence access: FISA section 702 (50 U.S.C. 1881a), and Executive Order 12333 as limited by Executive Order 14086 (2022)',
  'annex.kind.hostile-state':
    "Hostile-state threats as the national threat assessments describe them (intrusion into the customer's or the provider's systems, insiders): not a legal order, a security threat",
  'annex.metadata':
    "Metadata is always within the provider's reach: object keys, sizes, times, the tenant's account and region, and the CloudTrail record of every call.",
  'annex.standard.us-law-enforcement':
    'The provider holds the key material in its own HSMs and runs the services that decrypt, so an order to the provider can technically reach plaintext.',
  'annex.standard.us-intelligence':
    "The same technical reach as above: plaintext through the provider's services and key material, and metadata. Such access need not be disclosed to the customer.",
  'annex.standard.hostile-state':
    "An intruder with control of a tenant role allowed to read, or of the provider's infrastructure, reaches plaintext; the trail and the outside-region alarm record use of the tenant's roles and key.",
  'annex.hsm.us-law-enforcement':
    "The key cannot be exported from the customer's CloudHSM cluster, but while the key store is connected the provider's services decrypt on request, so an order to the provider can technically reach plaintext through the service; after the crypto officer disconnects the store, nothing decrypts.",
  'annex.hsm.us-intelligence':
    'The same technical reach as above while the key store is connected, without disclosure to the customer; not the key material itself.',
  'annex.hsm.hostile-state':
    "As for standard, plus the HSM cluster's crypto officer credentials and the kmsuser password: whoever holds them controls the key store.",
  'annex.external.us-law-enforcement':
    "The key stays in the customer's HSM on its premises. While the customer's proxy is unsealed, the provider's services can decrypt objects through it (each use is written to the customer's own proxy audit log); once sealed, nothing decrypts.",
  'annex.external.us-intelligence':
    "The same technical reach as above while the proxy is unsealed; each use still passes the customer's proxy and its log, which the provider cannot alter.",
  'annex.external.hostile-state':
    "As for standard, plus the customer's premises: the HSM, the proxy host and its credential, and whoever may seal or unseal the proxy.",
  'annex.client-side.us-law-enforcement':
    "The provider stores only ciphertext made on the customer's premises; it has neither the key nor plaintext, so an order to the provider can reach ciphertext and metadata, not content.",
  'annex.client-side.us-intelligence': 'The same: ciphertext and metadata, not content or keys.',
  'annex.client-side.hostile-state':
    "The keys and plaintext are on the customer's premises (key files, the HSM, the offline recovery key): those, not the provider, are where content can be reached.",
  'annex.assessment.label': "Controller's assessment:",
  'annex.assessment.provided': 'case {reference}, decided {date} by the {role}',
  'annex.assessment.missing': 'not provided (config `tenants[].assessment`)',
  'annex.providerFacts': '**Provider facts the controller must confirm** (suveren fills in none):',
  'annex.providerFact': '{fact}: not provided. Source: {source}.',
  'providerFact.entity': 'The contracting AWS entity',
  'providerFact.entity.source': "the AWS Customer Agreement and the account's billing entity (AWS console, Account settings)",
  'providerFact.dpa': 'The data processing addendum: version and date',
  'providerFact.dpa.source': 'the AWS GDPR Data Processing Addendum, part of the AWS Service Terms',
  'providerFact.subprocessors': 'The date of the sub-processor list relied on',
  'providerFact.subprocessors.source': "AWS's published list of sub-processors (aws.amazon.com/compliance/sub-processors)",
  'providerFact.mechanism': 'The transfer mechanism for any transfer: Data Privacy Framework certification or standard contractual clauses',
  'providerFact.mechanism.source':
    'the Data Privacy Framework list (dataprivacyframework.gov) and the standard contractual clauses in the data processing addendum',
  'providerFact.support': 'Where support and operations staff can reach the data from',
  'providerFact.support.source': "the data processing addendum and the provider's answers to the controller",

  // Organization
  'org.heading': 'Organization guardrails',
  'org.partition': 'Partition: `{name}`; resource control policy: {rcp}.',
  'org.assumed': "**Assumed available by the config** (`organization.assumeAvailable`), against suveren's partition table:",
  'org.assumedItem': '`{capability}`: {description}; the table says **{table}** ({source})',
  'org.noRcp': '**No resource control policy in this partition.** The data perimeter rests on these compensating controls:',
  'org.compensating.perimeter': "{count} of {total} tenant data and quarantine buckets deny data access to every principal but the tenant's own roles",
  'org.compensating.tls': '{count} of {total} tenant data and quarantine buckets deny requests without TLS',
  'org.compensating.keys':
    "{count} of {total} tenant data keys name every principal in their key policy, with no statement that lets an account's IAM grant use of them",
  'org.compensating.scps':
    "{count, plural, one {{count} SCP keeps} other {{count} SCPs keep}} member accounts from changing those policies' owners: suveren's roles and functions, the trail, single-Region keys and S3 Block Public Access are protected",
  'org.residualGap.label': 'Residual gap.',
  'org.residualGap':
    "{partition} has no resource control policies. An RCP would deny, in one place for every member account, any request from a principal outside the organization, and any request without TLS, to S3, KMS, STS, Secrets Manager and SQS resources. Here each of those denials depends on the resource's own policy: a bucket, key, role, secret or queue created outside suveren's stacks has none of them, and one whose policy is changed by a principal allowed to change it (the deployment role, break-glass) loses them. The SCPs cannot stand in: they bind only the organization's own principals, never an outsider.",
  'org.noPolicies': 'No organization policies in the assembly.',
  'org.column.policy': 'policy',
  'org.column.type': 'type',
  'org.column.attachedTo': 'attached to',
  'org.column.purpose': 'purpose (quoted)',
  'org.trail':
    'Audit trail: organization trail {organization}, all regions {allRegions}, log file validation {validation}, KMS-encrypted {encrypted}, archive Object Lock: {objectLock}.',
  'org.noTrail': 'Audit trail: **none in the assembly**.',
  'org.alarm': 'Alarm `{name}` reaches {recipients}.',
  'org.alarmNobody': 'Alarm `{name}` reaches **nobody**: its topic has no subscriber (config `notifications.audit`).',

  // Deployment
  'deploy.heading': 'Deployment',
  'deploy.none': 'No pipeline in the assembly: the landing zone is deployed by hand (docs/deploying.md).',
  'deploy.pipeline': '`{stack}` in account {account}, {region}: CodePipeline {type}, execution mode {mode}. Source: {source}.',
  'deploy.source.s3': "a release object ({key}) in the pipeline's release bucket, which refuses writes from anyone but the release principals",
  'deploy.source.connection': 'repository {repository}, branch {branch}, through AWS CodeConnections',
  'deploy.source.other': 'a {provider} source',
  'deploy.stages': 'Stages: {stages}.',
  'deploy.stageActions': '{name} ({count, plural, one {{count} deploy action} other {{count} deploy actions}})',
  'deploy.approval': 'Approval `{action}` opens stage {stage}; notified: {approvers}',
  'deploy.lastDeployed': 'Last deployed assembly: {where}.',
  'deploy.baseline.kept':
    "the pipeline's baseline bucket ({bucket}), under deployed/: each stack's template as last deployed, written when that stack's deployment succeeds; every run plans against it before its approval",
  'deploy.baseline.none': 'not kept: the template declares no baseline bucket',

  // Run time
  'runtime.heading': 'Run-time conformance (AWS Config)',
  'runtime.notRead': 'Not read in this report: `suveren conformance` adds what AWS Config reports of the deployed landing zone (docs/conformance.md).',
  'runtime.read': 'Read from the aggregator `{aggregator}` ({region}) at {readAt}: {counts}.',
  'runtime.noResult': '**No result** for: {tenants}.',
  'runtime.column.who': 'tenant or account',
  'runtime.column.rule': 'rule',
  'runtime.column.controls': 'controls',
  'runtime.column.compliance': 'compliance',
  'runtime.column.noncompliant': 'not compliant',
  'runtime.since': 'since {time}',

  // Findings
  'findings.heading': 'Findings',
  'findings.none': 'No open findings.',
  'findings.column.pack': 'pack',
  'findings.column.rule': 'rule',
  'findings.column.severity': 'severity',
  'findings.column.resources': 'resources',
  'findings.column.description': 'description (quoted)',
  'acknowledgments.heading': 'Accepted deviations',
  'acknowledgments.column.stack': 'stack',
  'acknowledgments.column.construct': 'construct',
  'acknowledgments.column.reason': 'reason (quoted)',

  // Tiers and the rules they are relevant to
  'legal.heading': 'What each tier does, and the rules it is relevant to',
  'legal.tier.plaintext': 'Tier `{tier}`: plaintext is accessible to the provider',
  'legal.tier.noPlaintext': 'Tier `{tier}`: the provider never holds plaintext or the key',
  'legal.keyCustody': 'Key custody: {custody}.',
  'legal.technicallyPossible.label': 'What remains technically possible.',
  'legal.measures.label': 'Measures.',
  'legal.edpb.label': 'EDPB Recommendations 01/2020.',
  'legal.nist.label': 'NIST SP 800-53 rev. 5.',
  'tier.standard.custody': 'customer-managed AWS KMS key, one per tenant',
  'tier.hsm.custody':
    'KMS key of its own in a custom key store on a CloudHSM cluster dedicated to the key-custody account and shared by its hsm tenants (FIPS 140-3 level 3)',
  'tier.external.custody':
    "KMS key in an external key store: the key material stays in the customer's own HSM, reached through the XKS proxy the customer runs",
  'tier.client-side.custody': "AWS Encryption SDK on the customer's premises; the key never leaves them",
  'measure.region':
    "Buckets and keys are created only in the allowed EU regions: enforced at synth (region guard), by SCP for every tool, and watched by an organization trail alarm. Where data is stored does not by itself settle whether personal data is transferred to a third country, since a provider's access from a third country can also be one (EDPB Guidelines 05/2021): that is the controller's assessment under GDPR Art. 44-49.",
  'measure.tls':
    'TLS 1.2 or later for every request, enforced by bucket policy, and by the data-perimeter RCP where the partition has resource control policies (relevant to GDPR Art. 32(1)(a), Art. 5(1)(f)).',
  'measure.separation':
    "Per-tenant bucket, key and roles: each controller's data is separated by its own key policy and bucket policy (relevant to GDPR Art. 25, Art. 28(3)(c)).",
  'measure.trail':
    'Organization trail with log file validation into an object-locked archive: which principal used which key and object is recorded and the record is tamper-evident (relevant to GDPR Art. 5(2), Art. 32(1)(d)).',
  'measure.standard.key':
    'Customer-managed KMS key per tenant, usable only through S3 in the allowed regions, administrators separate from users (relevant to GDPR Art. 32(1)(a)).',
  'measure.hsm.key':
    "KMS key of the tenant's own in a custom key store on the key-custody account's CloudHSM cluster, shared by its hsm tenants (FIPS 140-3 level 3); the customer's crypto officer controls the HSM users and can disconnect the key store, after which no object can be decrypted (relevant to GDPR Art. 32(1)(a)).",
  'measure.external.key':
    "KMS key in an external key store: the key stays in the customer's HSM on its premises, each use is authorized by the proxy's per-key policy (only S3 in the allowed regions, only the tenant's roles) and written to the customer's own audit log, and sealing the proxy stops every decryption until the customer unseals it (relevant to GDPR Art. 32(1)(a), Art. 32(1)(b)).",
  'measure.external.bucketKeys':
    "S3 Bucket Keys are off for this tier, so every object write and read reaches the customer's proxy: the audit log sees each object, and a seal is not delayed by a cached bucket key.",
  'measure.client-side.key':
    "Client-side encryption with a key kept on the customer's premises (committing algorithm suite, encryption context binding tenant and object), SSE-KMS as a second layer (relevant to GDPR Art. 32(1)(a), Art. 34(3)(a)).",
  'possible.standard':
    'AWS holds the key material (in AWS-operated HSMs) and processes plaintext in memory when S3 encrypts and decrypts. A provider compelled under third-country law (e.g. the US CLOUD Act) could technically be made to decrypt. Key policies, CloudTrail and contractual commitments limit and reveal this but do not prevent it.',
  'possible.hsm':
    "The key lives in a CloudHSM cluster that no other AWS customer uses (shared by the key-custody account's hsm tenants, each with its own key) whose crypto officer is the customer, but S3 and KMS still process plaintext in the provider's infrastructure while encrypting and decrypting. A compelled provider cannot extract the key, yet could still act on data while it is being used.",
  'possible.external':
    "The key material never enters AWS: every encrypt and decrypt of a data key is performed by the customer's own HSM, through the XKS proxy the customer runs. But while the key store is connected, S3 and KMS still process plaintext in the provider's infrastructure, and a compelled provider could make S3 decrypt objects through the customer's proxy without the customer's consent: XKS prevents extraction of the key, not compelled use. Sealing the proxy (the kill switch) or disconnecting the store ends every further decryption, but only from that moment: it does not undo what was decrypted before, and the customer must notice to act (its proxy's audit log records every use).",
  'possible.client-side':
    "The provider stores only ciphertext made on the customer's premises with the AWS Encryption SDK; the key never reaches AWS. A compelled provider can hand over ciphertext and metadata (object keys, sizes, times), not content.",
  'edpb.standard':
    "The provider's services process the data in the clear: S3 and KMS encrypt and decrypt in the provider's infrastructure, with key material AWS holds. EDPB Recommendations 01/2020 (version 2.0) describe this situation as use case 6, for which the EDPB could not envision an effective technical measure. Whether that matters for this tenant's data (whether a transfer takes place, its risk, and what the data's secrecy requires) is the controller's assessment; a suveren classification does not answer it.",
  'edpb.hsm':
    "Plaintext is available to the provider's services while S3 and KMS encrypt and decrypt (the situation of EDPB Recommendations 01/2020, version 2.0, use case 6). The key cannot leave the customer-controlled HSM cluster, and the customer's crypto officer can cut off all decryption. Whether these facts are sufficient for this tenant's data is the controller's assessment.",
  'edpb.external':
    "Plaintext is available to the provider's services while S3 and KMS encrypt and decrypt, through the customer's proxy (the situation of EDPB Recommendations 01/2020, version 2.0, use case 6). The key never enters AWS, every use is in the customer's audit log, and the customer can stop all decryption at once. Whether these facts are sufficient for this tenant's data, and whether compelled use during processing is acceptable, is the controller's assessment; the client-side tier is the one where the provider never processes plaintext.",
  'edpb.client-side':
    "The provider stores only ciphertext made on the customer's premises, and the key never reaches AWS. These are the conditions EDPB Recommendations 01/2020 (version 2.0) set out in use case 1 (storage that needs no access in the clear, keys retained under the exporter's control in the EU). Whether they hold for the controller's processing, and what the metadata the provider does see (object keys, sizes, times) reveals, is the controller's assessment.",

  // Controls and their mapping
  'controls.heading': 'Controls and the rules they are relevant to',
  'controls.intro':
    "Each control suveren checks, before deployment (its cdk-nag rules and the region guard) or at run time (AWS Config), with the provisions and guidance it is relevant to. Relevant is not compliant: whether a provision is met for the controller's processing is the controller's assessment.",
  'controls.column.control': 'control',
  'controls.column.checks': 'what it checks',
  'controls.column.relevantTo': 'relevant to',
  'controls.entry': '{source}, {provision}',
  'controls.provisionUnverified': '(number from a secondary source, not verified)',
  'controls.kind.synth': 'before deployment',
  'controls.kind.runtime': 'at run time, AWS Config',
  'controls.kind.report': 'stated by this report',
  'control.Suveren-S1': 'Default encryption of each bucket is SSE-KMS under a customer-managed key.',
  'control.Suveren-S2': 'The bucket policy denies requests without TLS and with TLS older than 1.2.',
  'control.Suveren-S3': "The bucket policy refuses an upload under another encryption or another key than the bucket's own.",
  'control.Suveren-KMS1': 'KMS keys with AWS-generated key material rotate automatically.',
  'control.Suveren-KMS2': 'KMS keys are single-Region: no copy of a key in another region.',
  'control.Suveren-CWL1': 'Log groups are encrypted under a customer-managed key and have a retention.',
  'control.Suveren-L1': 'Functions with environment variables encrypt them under a customer-managed key.',
  'control.Suveren-L2': 'Functions S3 invokes have a dead-letter queue, so no failed inspection is lost.',
  'control.Suveren-CT1': 'The trail validates log files, is encrypted under a customer-managed key and records every region.',
  'control.Suveren-CT2': "The trail's archive bucket has S3 Object Lock in compliance mode with a default retention.",
  'control.Suveren-EDGE1':
    'No edge or global data-processing resources (CloudFront, Global Accelerator, Multi-Region Access Points, S3 Transfer Acceleration).',
  'control.Suveren-REGION1': 'Every stack is in an allowed region; an unresolved region is refused.',
  'control.Suveren-REGION2': 'No multi-Region KMS key and no replica key.',
  'control.Suveren-REGION3': 'No replication to a region outside the allow-list, or to one that cannot be proven.',
  'control.Suveren-RT-REGION': 'Every deployed bucket and key is in an allowed region, and no key is multi-Region.',
  'control.Suveren-RT-S3-SSEC': 'The deployed bucket policy refuses uploads with a customer-provided key (SSE-C).',
  'control.Suveren-RT-S3-BUCKETKEY': 'S3 Bucket Keys are as the tier says: on, except for the external tier.',
  'control.Suveren-RT-S3-VERSIONING': 'Versioning is on, so an overwrite or a delete never loses an accepted object.',
  'control.Suveren-RT-S3-REPLICATION':
    'The data bucket of a tenant with continuity has an enabled Cross-Region Replication rule: the replica keeps receiving its objects.',
  'control.Suveren-RT-S3-PUBLIC': "The bucket's public access block is on, all four settings.",
  'control.Suveren-RT-KMS-ROOT': 'No deployed key policy grants every KMS action to an account root.',
  'control.Suveren-RT-KMS-DELETION': 'No key is scheduled for deletion.',
  'control.Suveren-RT-CUSTODY-SECRET': "A key-custody credential's policy lets only its handler and crypto officer read it, and only the platform change it.",
  'control.Suveren-CUSTODY': "Each tenant's data key is held in the custody its tier names, as the tenant's template shows.",
  'control.Suveren-SEPARATION': 'Each tenant has its own key, bucket and roles; the access matrix shows who may write, read, decrypt, delete and reconfigure.',
  'control.Suveren-ANNEX': "The technical annex: who can technically reach plaintext, keys or metadata in each tenant's tier.",
  'control.Suveren-SCOPE': "suveren's classifications are data classes, not security-classification levels; security-classified information is out of scope.",
  'provision.article': 'Art. {article}',
  'provision.articleParagraph': 'Art. {article}({paragraph})',
  'provision.articlePoint': 'Art. {article}({paragraph})({point})',
  'provision.articles': 'Art. {from}–{to}',
  'provision.useCase': 'use case {number}',
  'provision.measure': 'measure {number}',
  'provision.principle': 'principle {number}',
  'provision.clause': 'Clause {number}',
  'provision.chapter': 'chapter {number}',
  'provision.whole': 'the whole text',
  'provision.whereItBinds': 'where it binds the controller',
  'provision.outOfScope': 'scope: information it governs is out of scope for this platform',
  'provision.ifReliedOn': 'if it is the transfer mechanism relied on',
  'jurisdiction.eu': 'EU and EEA',
  'jurisdiction.se': 'Sweden',
  'jurisdiction.no': 'Norway',
  'jurisdiction.us': 'United States',
  'sourceNote.gdpr': 'The title and Official Journal reference were read in copies of the Official Journal, not on EUR-Lex itself.',
  'sourceNote.edpb-recommendations-01-2020': "Version 2.0, adopted 18 June 2021, was read in a copy of the EDPB's PDF, not on edpb.europa.eu.",
  'sourceNote.edpb-guidelines-05-2021': 'Version 2.0, adopted 14 February 2023, was read in secondary sources, not on edpb.europa.eu.',
  'sourceNote.dpf-appeal-latombe':
    'The General Court dismissed the action on 3 September 2025; the appeal C-703/25 P was lodged on 31 October 2025 (EUR-Lex). Whether it is still pending was not checked at the Court of Justice.',
  'sourceNote.se-osl-10-2a': 'In force since 1 July 2023 (eSam, esamverka.se); the wording was read in secondary sources, not on riksdagen.se.',
  'sourceNote.se-lag-2020-914': 'In force since 1 January 2021 (prop. 2019/20:201 on rkrattsbaser.gov.se); the title was read in prop. 2022/23:97.',
  'sourceNote.se-esam-utkontraktering-2023': "eSam's announcement of 21 June 2023 was read; the document's own title and ES number were not found.",
  'sourceNote.se-msbfs-2020-6':
    'Applies from 1 October 2020 (msb.se). Whether it still applies after the cybersecurity act of 2026 and MSB becoming Myndigheten för civilt försvar was not verified.',
  'sourceNote.se-msbfs-2020-7':
    'Applies from 1 October 2020 (msb.se). Whether it still applies after the cybersecurity act of 2026 and MSB becoming Myndigheten för civilt försvar was not verified.',
  'sourceNote.se-sakerhetsskyddslag-2018-585': 'Issued 24 May 2018, in force 1 April 2019, as read in secondary sources, not on riksdagen.se.',
  'sourceNote.no-nsm-grunnprinsipper-2-0':
    'Version 2.0 (April 2020) and principle 2.7 with its measures were read on nsm.no; the numbers of principles 2.6 and 3.2 come from secondary sources.',
  'sourceNote.no-dfo-schrems-ii': 'The page was read; its exact title and date were not confirmed.',
  'sourceNote.no-datatilsynet-overforing': 'Title and address read on datatilsynet.no; the guidance carries no version or date.',
  'sourceNote.se-arkivlag-1990-782':
    'Not read at the issuer when this entry was made: number and title are as Riksdagen cites them in other acts; its date and any amendment are not confirmed.',
  'sourceNote.se-cybersakerhetsforordning-2025-1507':
    'Not read at the issuer: the number is the one cybersäkerhetslagen (2025:1506) is issued with; its date and which authority it names as CSIRT are not confirmed here.',
  'sourceNote.no-arkivlova':
    'Not read on Lovdata when this entry was made: the number and date come from secondary sources, and whether a new archive act has replaced it was not checked.',
  'sourceNote.no-digitalsikkerhetsloven':
    'Not read on Lovdata when this entry was made: the number, date and the sectors it lists come from secondary sources.',
  'sourceNote.no-sikkerhetsloven': 'The bill (Prop. 153 L (2016–2017)) was read on regjeringen.no; the law number and date come from secondary sources.',
  'sourceNote.us-eo-14086': 'The Federal Register page was not read when this entry was checked, nor whether the order is still in force unamended.',
  'sourceNote.us-fisa-702':
    'Section 702 was reauthorized in April 2024 for two years; whether it has been reauthorized again or has lapsed was not checked: confirm at the U.S. Code before relying on it.',
  'sourceNote.us-cloud-act': 'The U.S. Code page was not read when this entry was checked: confirm the current text of the section there before relying on it.',
  'sourceNote.dpf-decision-2023-1795':
    "The link is the decision's own EUR-Lex page (CELEX 32023D1795). Its title and date agree with copies of the decision; the EUR-Lex page itself and the Official Journal reference were not read when this entry was checked.",
  'sources.heading': 'Sources',
  'sources.intro': "Every source the mapping cites, with the date suveren last checked it against the issuer's own publication.",
  'sources.column.source': 'source',
  'sources.column.issuer': 'issuer',
  'sources.column.version': 'version',
  'sources.column.date': 'date',
  'sources.column.checked': 'checked on',
  'sources.column.status': 'status',
  'sources.verified': "title, version and date verified against the issuer's publication",
  'sources.unverified': "**not verified** against the issuer's publication: check before relying on it",
  'sources.guidance': "guidance: a page with no identifier of its own, read on the issuer's site; it cannot be verified as a legal text can",
  'sources.noVersion': '—',

  // What a template cannot show
  'limits.heading': 'What this report cannot tell you',
  'limit.organizational': 'Organizational measures: staff vetting, access procedures, incident response and the people who hold break-glass credentials.',
  'limit.contract':
    "The contract: the data processing agreement with AWS (GDPR Art. 28), AWS's own sub-processors, and the transfer mechanism chosen for any residual transfer.",
  'limit.ceremonies':
    'Key ceremonies: who generated and holds client-side keys, the offline root CA and the CloudHSM crypto officer credentials, and how they are backed up and destroyed.',
  'limit.xksCustomerSide':
    'The customer side of an external key store: the HSM, the XKS proxy host and its TLS certificate, the Direct Connect or VPN link, and who may seal the proxy; templates show only the AWS side.',
  'limit.hsmManual':
    'Manual CloudHSM steps (signing the cluster CSR, activation, creating the kmsuser crypto user): templates cannot show they were done, or done by the right people.',
  'limit.deployed':
    'What is deployed: this report describes the synthesized templates, i.e. what `cdk deploy` would create; drift after deployment needs AWS Config or a fresh comparison.',
  'limit.evaluator':
    "The access matrix is computed by an IAM policy evaluator over the synthesized templates, not by AWS: it models identity, bucket, key and trust policies, SCPs and the RCP, but not session policies, permission boundaries set outside suveren, or grants. For an HSM-backed key the provisioner role keeps kms:PutKeyPolicy, which KMS's lockout check needs at creation; IAM cannot constrain a policy's content, so the SCP protection of the key handler's role and function is what keeps a tenant from using it.",
  'limit.orgPrerequisites':
    'Organization prerequisites outside CloudFormation: enabled policy types, delegated administration of CloudTrail, the break-glass role in each member account, and which OU each tenant account is in.',
  'limit.legal':
    'Legal conclusions: whether a transfer to a third country takes place, whether the measures suffice for the data, whether the data is subject to secrecy, and what risk is acceptable. The controller decides them in its own assessments.',
  // The controller's annex (lib/evidence/controller-annex.ts, render-annex.ts): two pages per tenant, in the order of GDPR Art. 35(7).
  'ca.title': "Controller's annex: {name}",
  'ca.intro':
    "Facts for the data protection impact assessment (GDPR Art. 35(7)) of {name}, read from the synthesized templates of `{configFile}` and computed by the IAM evaluator. The controller decides; blanks are the controller's to fill in.",
  'ca.blank': '_______________',
  'ca.notProvided': 'not provided',
  'ca.a.heading': '(a) The processing',
  'ca.processing.purposes': 'Purposes',
  'ca.processing.dataCategories': 'Categories of personal data',
  'ca.processing.dataSubjects': 'Data subjects',
  'ca.processing.recipients': 'Recipients',
  'ca.tenantFacts': 'Country: {country}. Kind of organisation: {type}. Data class: {classification}. Key custody tier: `{tier}`.',
  'ca.locations.heading': 'Where each kind of data is, and who holds its key',
  'ca.column.kind': 'Data',
  'ca.column.where': 'Country (region)',
  'ca.column.encryption': 'Encryption',
  'ca.column.keyHolder': 'Key holder',
  'ca.where': '{country} ({region})',
  'ca.where.exports': 'outside AWS',
  'ca.where.none': 'none',
  'ca.location.content': 'Content (objects)',
  'ca.location.object-names': 'Object names and metadata',
  'ca.location.access-logs': 'Access logs',
  'ca.location.cloudtrail': 'CloudTrail records',
  'ca.location.config-items': 'AWS Config items',
  'ca.location.dead-letters': 'Dead-letter messages',
  'ca.location.function-logs': 'Function logs',
  'ca.location.replicas': 'Replicas',
  'ca.location.exports': 'Exports',
  'annex.encryption.sseKms': "SSE-KMS under the tenant's key",
  'annex.encryption.clientSide': "encrypted on the controller's premises (AWS Encryption SDK) before upload; SSE-KMS on top",
  'annex.encryption.metadata': "not under the tenant's key: S3 encrypts object data only, not object names or metadata",
  'annex.encryption.none': 'no default encryption declared',
  'annex.encryption.sseS3': "an S3-managed key (SSE-S3), in every tier: not the tenant's key",
  'annex.encryption.notDeclared': 'not in this assembly',
  'annex.encryption.sqsManaged': 'an SQS-managed key',
  'annex.encryption.replicated': 'a replication rule is declared (see the technical appendix)',
  'annex.encryption.noReplica': 'no copy in another region',
  'annex.encryption.replica':
    '{clientSide, select, yes {the same ciphertext, under SSE-KMS with a key of its own region} other {SSE-KMS under a key of its own region}}, by S3 Cross-Region Replication{rtc, select, on {, 99.99 % within 15 minutes (Replication Time Control)} other {}}',
  'annex.encryption.exportPlaintext': 'plaintext, as S3 decrypts it for the reader (`suveren export`)',
  'annex.encryption.exportCiphertext': "ciphertext as stored (`suveren export`); plaintext only with the controller's key",
  'annex.keyHolder.premises': 'the controller, on its premises (a key file or its own HSM); AWS never has the key',
  'annex.keyHolder.cloudhsm':
    'KMS custom key store on CloudHSM cluster `{cluster}`, dedicated to the key-custody account {account} and shared by {count, plural, one {{count} tenant} other {{count} tenants}} ({tenants}); its crypto officer is the customer',
  'annex.keyHolder.external': "the customer's HSM behind its XKS proxy (external key store `{store}`); sealing the proxy stops every use",
  'annex.keyHolder.kms': "AWS KMS in the tenant's account; the tenant's key administrators administer the key",
  'annex.keyHolder.replicaKms':
    "AWS KMS in the tenant's account, in the replica's region; the platform's deployment role and the break-glass role administer the key, not the tenant's key administrators",
  'annex.keyHolder.unknown': 'not shown by the template',
  'annex.keyHolder.aws': 'AWS (S3)',
  'annex.keyHolder.operator': 'the operator: a KMS key in the audit account',
  'annex.keyHolder.none': '—',
  'annex.keyHolder.exportHolder': 'whoever holds the export directory',
  'ca.b.heading': '(b) Necessity and proportionality',
  'ca.b.text': 'For the controller to assess against the purposes above:',
  'ca.c.heading': '(c) Risks: the facts',
  'ca.column.party': 'Party',
  'ca.column.how': 'How',
  'ca.column.gates': 'What stands in the way',
  'ca.parties.itself': 'directly',
  'ca.parties.steps': '{count, plural, one {after {count} step} other {after {count} steps}}',
  'ca.parties.none':
    "None: the IAM evaluator finds no path from any principal in the templates to plaintext. S3 holds ciphertext only; plaintext exists where the controller's key is.",
  'ca.parties.notComputed': 'Not computed: the IAM evaluator did not run, so this annex can name no party.',
  'ca.parties.count':
    "{count, plural, one {{count} party reaches plaintext, by every path the IAM evaluator finds in the templates (the operator's roles included)} other {{count} parties reach plaintext, by every path the IAM evaluator finds in the templates (the operator's roles included)}}",
  'ca.gate.approval': 'an approval',
  'ca.gate.break-glass': 'break-glass alarm',
  'ca.gate.boundary': 'permissions boundary',
  'ca.gate.proxy': 'XKS proxy (kill switch)',
  'ca.gate.mfa': 'MFA',
  'ca.gate.next-release': 'next release',
  'ca.gate.none': 'nothing',
  'ca.usOrders.heading': 'What a US order could reach (see the technical appendix)',
  'ca.integrity.heading': 'Integrity (Art. 32(1)(b))',
  'annex.integrity.versioning': 'Versioning is on: an overwrite or a deletion keeps the earlier version.',
  'annex.integrity.noVersioning': 'Versioning is off: an overwrite or a deletion loses the earlier version.',
  'annex.integrity.inspection': 'Every upload is inspected; only accepted objects can be read, rejected ones are quarantined.',
  'annex.integrity.noInspection': 'Uploads are not inspected.',
  'annex.integrity.objectLock': "Object Lock protects the data bucket's versions for its period.",
  'annex.integrity.noObjectLock': 'No Object Lock on the data bucket: whoever may delete versions can erase them (that is what makes erasure possible).',
  'annex.integrity.trailValidated': 'CloudTrail records are digest-signed (log file validation) and kept in an object-locked archive.',
  'ca.availability.heading': 'Availability (Art. 32(1)(b) and (c))',
  'annex.availability.replicated':
    'The data has a second copy in {replicaRegion}, written by S3 Cross-Region Replication after each upload{rtc, select, on { (99.99 % within 15 minutes)} other { (asynchronously: the newest objects may not be there yet)}}; if {region} is lost, the reader reads the copy there. {deletes, select, on {A deletion at the source hides the object in the copy too.} other {A deletion at the source does not reach the copy, so it can be undone from there.}}',
  'annex.availability.oneRegion':
    'The data is in one region ({region}), with no copy in another: losing that region makes it unavailable until the region is back.',
  'annex.availability.versions': 'Overwritten or deleted objects can be restored from their versions for {days, plural, one {{days} day} other {{days} days}}.',
  'annex.availability.noVersions': 'Without versioning, nothing overwritten or deleted can be restored.',
  'annex.availability.suspension':
    'If AWS suspends or closes the account, the data is out of reach; resources left in a closed member account are deleted after 90 days (AWS Organizations API reference, CloseAccount).',
  'annex.availability.keyAvailability': 'The data is readable only while its key is usable: a disabled, deleted or disconnected key makes it unreadable.',
  'annex.availability.premisesKey': "The data is readable only with the controller's key (or its recovery key): losing both loses the data.",
  'annex.availability.drill':
    "The last restore drill ({date}) read back {sampled, plural, one {{sampled} sampled copy} other {{sampled} sampled copies}} from the replica as the reader would after a loss and verified {verified} against the data bucket's checksums; {failed, plural, one {{failed} object had failed to replicate} other {{failed} objects had failed to replicate}}{rpo, select, none {} other {, and the copy lagged {rpo} s behind (the observed recovery point)}}: {passed, select, yes {it passed} other {it did not pass}}.",
  'annex.availability.noDrill':
    'No restore drill is on record: its result is stated here once suveren continuity drill has run and the config names its report (continuity.drillReport).',
  'ca.c.text': 'Likelihood, severity and whether the risk is acceptable, for the controller to record:',
  'ca.d.heading': '(d) Measures',
  'ca.d.link': '(detail: the technical appendix, tenant {id})',
  'ca.chain.heading': 'The processor chain',
  'ca.chain.controller': '{name}: controller.',
  'ca.chain.operator': '{name}: processor (operates the landing zone).',
  'ca.chain.operatorWithContact': '{name}: processor (operates the landing zone); contact: {contact}.',
  'ca.chain.operatorMissing': 'The operator (processor): not provided (config `organization.operator`).',
  'ca.chain.provider': 'Amazon Web Services: sub-processor. {fact}: {value} (read at {source} on {date}).',
  'ca.fact.contractingEntity': 'Contracting entity',
  'ca.fact.subProcessors': "AWS's own sub-processors",
  'ca.fact.dataProcessingTerms': 'Data processing terms',
  'ca.retention.heading': 'Retention and erasure (Art. 5(1)(e), Art. 17)',
  'ca.retention.noncurrent': 'Replaced and deleted versions expire after {days, plural, one {{days} day} other {{days} days}}.',
  'ca.retention.noncurrentNone': 'Replaced and deleted versions do not expire.',
  'ca.retention.quarantine': 'Quarantined uploads: versions expire after {days, plural, one {{days} day} other {{days} days}}.',
  'ca.retention.accessLogs': 'Access logs expire after {days, plural, one {{days} day} other {{days} days}}.',
  'ca.retention.objectLock': 'Object Lock on the data: {lock}.',
  'ca.retention.noObjectLock': 'Object Lock on the data: none.',
  'ca.retention.archive': 'CloudTrail archive: Object Lock {lock}.',
  'ca.retention.keys':
    "Keys: when its stack deletes the key, KMS waits {days, plural, one {{days} day} other {{days} days}} (the template's window); whoever schedules a deletion by hand chooses 7 to 30 days. The data is lost with the key.",
  'ca.retention.archiveLaw.SE':
    "Public records: arkivlagen (1990:782) decides what is kept and what may be culled (gallras); expiry and erasure here follow the controller's gallringsbeslut.",
  'ca.retention.archiveLaw.NO':
    "Public records: arkivlova decides what is kept and what may be disposed of (kassasjon); expiry and erasure here follow the controller's decisions under it.",
  'ca.retention.archiveLaw.none': 'No country is given (config `tenants[].country`): the archive law that applies is not named.',
  'ca.breach.heading': 'Breach path (Art. 33)',
  'ca.breach.path':
    'AWS → operator ({operator}) → controller ({contact}) → {authority}, within 72 hours of the controller becoming aware of a breach (Art. 33(1)).',
  'ca.breach.authority.SE': 'Integritetsskyddsmyndigheten (IMY)',
  'ca.breach.authority.NO': 'Datatilsynet',
  'ca.breach.authority.none': 'the supervisory authority',
  'ca.breach.national.SE.applies':
    'Also, under cybersäkerhetslagen (2025:1506), 2 kap. 5–8 §§: significant incidents to the CSIRT unit that cybersäkerhetsförordningen (2025:1507) names (CERT-SE, at Myndigheten för civilt försvar, formerly MSB).',
  'ca.breach.national.SE.does-not-apply': 'Cybersäkerhetslagen (2025:1506) does not cover this organisation, as the controller states.',
  'ca.breach.national.NO.applies': 'Also, under digitalsikkerhetsloven: incidents to NSM, as the organisation is in a sector the act lists.',
  'ca.breach.national.NO.does-not-apply':
    'Digitalsikkerhetsloven covers listed sectors and digital service providers, not a kommune or an agency as such: no report to NSM under it.',
  'ca.breach.national.none': 'No country is given: national incident reporting is not stated.',
  'ca.breach.defaulted': "(The country's default; the controller confirms it in `tenants[].incidentReporting`.)",
  'ca.exit.heading': 'Exit',
  'ca.exit.text':
    '`suveren export` writes every accepted object with a manifest (JSON Lines) and SHA-256 checksums to a directory the controller names, and verifies them. What remains in AWS afterwards: the objects until the bucket is emptied, replaced versions for their expiry, access logs and CloudTrail records for their retention, the keys until their deletion window ends.',
  'ca.sources.heading': 'Sources this annex relies on',
  'ca.source': '{short} ({status})',
  'ca.footer': 'suveren evidence schema {version}. Facts only: no likelihood, no acceptance, no legal conclusion.',
  'country.SE': 'Sweden',
  'country.NO': 'Norway',
  'country.IE': 'Ireland',
  'country.FR': 'France',
  'country.DE': 'Germany',
  'country.IT': 'Italy',
  'country.ES': 'Spain',
  'orgType.state-agency': 'state agency',
  'orgType.municipality': 'municipality',
  'orgType.region': 'region or county',
  'orgType.other': 'other',
  'ca.sourceStatus.verified': 'verified',
  'ca.sourceStatus.unverified': 'not verified',
  'ca.sourceStatus.guidance': 'guidance',
  'ca.end.read': 'reads; S3 decrypts',
  'ca.end.decrypt': 'decrypts with the key',
  'ca.end.rewrite-key-policy': 'rewrites the key policy',
  'ca.end.grant': 'grants itself the key',
  'ca.end.rewrite-bucket-policy': 'rewrites the bucket policy',
  'ca.end.re-encrypt': 're-encrypts under its own key',
  'ca.end.replicate': 'replicates to its own bucket',
  'ca.end.batch-copy': 'copies with S3 Batch Operations',
  'ca.parties.how': '{end}, {steps}',
  'annex.keyHolder.accountKms': "AWS KMS, a key in the tenant's account",
  'ca.retention.keysDefault':
    "{count, plural, one {{count} key has} other {{count} keys have}} no deletion window in the template: whoever schedules its deletion chooses 7 to 30 days (KMS's default is 30). The data is lost with the key.",
  'ca.measure.region': 'Buckets and keys only in the allowed EU regions: refused at synth, denied by SCP, alarmed on the organization trail.',
  'ca.measure.tls': 'TLS 1.2 or later on every request, enforced by the bucket policy.',
  'ca.measure.separation': "A bucket, a key and roles of the controller's own, separated by their policies.",
  'ca.measure.trail': 'Organization trail with log file validation, in an object-locked archive.',
  'ca.measure.standard.key': 'A customer-managed KMS key per tenant, usable only through S3 in the allowed regions; administrators are not users.',
  'ca.measure.hsm.key':
    'A KMS key in a custom key store on a CloudHSM cluster (FIPS 140-3 level 3) whose crypto officer is the customer; disconnecting the store stops every decryption.',
  'ca.measure.external.key':
    "Key material in the customer's HSM behind its XKS proxy, which authorizes and logs each use; sealing the proxy stops every decryption.",
  'ca.measure.external.bucketKeys': "S3 Bucket Keys off: every read and write reaches the customer's proxy, and a seal is not delayed by a cached key.",
  'ca.measure.client-side.key':
    "Encrypted on the customer's premises before upload (committing suite, context binding tenant and object); SSE-KMS as a second layer.",
  'ca.whereAccount': '{where}, account {account}',
  'ca.chain.providerMissing': 'Amazon Web Services: sub-processor. {facts}: not provided (config `organization.provider`).',
  'ca.principal.identityCenterGroup': 'members of Identity Center group {group} (permission set {permissionSet})',
  'report.annexes.heading': "Controllers' annexes",
  'report.technical.heading': 'Technical appendix',
  'report.technical.intro':
    "For reviewers: per tenant the buckets, keys and their policies, who can reach plaintext and by which path, the direct access matrix; then the organization's guardrails, the pipeline, the controls and their sources, open findings and accepted deviations.",
  'control.Suveren-DPIA':
    "The controller's annex per tenant: where each kind of data is and who holds its key, who reaches plaintext, retention and erasure, the breach path and exit, with its country's sources.",
  'sheet.location': '{region}, account {account}; see the location table of the annex for every kind of data',
  'sheet.parties':
    '{count, plural, one {{count} party reaches plaintext by some path} other {{count} parties reach plaintext by some path}}, each named in the annex with its gates',
  'sheet.plaintext.yes': "Yes: in tier `{tier}` the provider's services decrypt on request while the key is usable.",
  'sheet.plaintext.no': 'No: in tier `{tier}` S3 holds ciphertext only, and the key stays on your premises.',
  'sheet.column.factor': 'Circumstance',
  'sheet.column.facts': 'What the templates show',
  'sheet.column.judgement': 'Your assessment',
  'sheet.column.threat': 'Threat',
  'sheet.column.asset': 'Asset',
  'sheet.column.measure': 'Existing measure (from the templates)',
  'sheet.column.likelihood': 'Likelihood',
  'sheet.column.consequence': 'Consequence',
  'sheet.decision': 'Decision, date, decision-maker (role):',
  'sheet.se.title': 'Secrecy assessment under OSL 10 kap. 2 a §: {name}',
  'sheet.se.intro':
    'Secrecy does not prevent disclosing information to a provider for "enbart teknisk bearbetning eller teknisk lagring" (technical processing or storage only), unless disclosure is "olämpligt" (inappropriate) in the circumstances (OSL 10 kap. 2 a §, prop. 2022/23:97). suveren fills in the technical circumstances; the assessment, per kind of data, is yours.',
  'sheet.se.technicalOnly': 'Technical processing or storage only?',
  'sheet.se.technicalOnly.fact':
    "S3 stores the objects, and the tenant's own functions inspect them in its account; the templates declare no other processing by the provider.",
  'sheet.se.plaintext': "Can the provider's services reach the content?",
  'sheet.se.keys': 'Who holds the key?',
  'sheet.se.location': 'Where is the information?',
  'sheet.se.parties': 'Who can reach plaintext, by any path?',
  'sheet.se.foreignLaw': 'Could a foreign authority compel disclosure?',
  'sheet.se.confidentiality': "The provider's staff's duty of confidentiality (lag (2020:914))",
  'sheet.se.confidentiality.fact': 'Not shown by the templates: check the agreement with the provider.',
  'sheet.se.inappropriate': 'Is disclosure inappropriate ("olämpligt")? Your conclusion, per kind of data',
  'sheet.no.title': 'Risk and vulnerability analysis (ROS): {name}',
  'sheet.no.intro':
    'In the structure Datatilsynet and Digdir use: threat, asset, existing measure. suveren fills in the measures the templates show; likelihood, consequence and whether the risk is acceptable are yours.',
  'sheet.no.threat.usOrder': 'An order to the provider under US law (CLOUD Act, FISA 702)',
  'sheet.no.threat.insider': 'Misuse by a party that can reach plaintext',
  'sheet.no.threat.regionLoss': 'Loss of the region',
  'sheet.no.threat.deletion': 'Accidental or malicious deletion or overwrite',
  'sheet.no.threat.keyLoss': 'Loss, deletion or disconnection of the key',
  'sheet.no.threat.upload': 'A harmful or wrong upload',
  'sheet.no.threat.suspension': 'Suspension or closure of the account',
  'sheet.no.asset.content': 'Confidentiality of the content',
  'sheet.no.asset.integrity': 'Integrity of the data',
  'sheet.no.asset.availability': 'Availability of the data',
  'annex.integrity.trailPartial':
    "CloudTrail log file validation is {validation, select, on {on} other {off}}, and the archive's Object Lock is {lock, select, on {on} other {off}}: the record is not shown to be tamper-evident.",
  'annex.encryption.trail':
    "SSE-KMS in the audit account's archive; its CloudWatch log group under {logs, select, kms {a KMS key too} other {CloudWatch Logs' own encryption}}",
  'annex.encryption.configDelivery': "SSE-KMS in the audit account's bucket; AWS Config also keeps them in the recording account and region",
  'annex.encryption.accountKms': "SSE-KMS under a key of the tenant's account",
  'annex.encryption.functionLogs':
    "{key, select, kms {a KMS key of the tenant's account} other {CloudWatch Logs' own encryption}}, kept {days, plural, one {{days} day} other {{days} days}}",
  'annex.encryption.functionLogsUndeclared':
    "{key, select, kms {a KMS key of the tenant's account} other {CloudWatch Logs' own encryption}}, kept {days} days; {undeclared, plural, one {{undeclared} function without a log group of its own logs} other {{undeclared} functions without a log group of their own log}} under CloudWatch Logs' own encryption",
  'ca.principal.cfnExec': 'the CloudFormation execution role of account {account}',
  'ca.principal.deploymentAdministrator': "deployment account administrator (Suveren-Pipeline's account)",
  'ca.principal.pipelineDeploy': "Suveren-Pipeline's deploy project ({name})",
  'reach.groupOwners':
    'Outside the graph: group membership is decided in your identity provider, so whoever can change the groups there ({owners}) reaches what the groups reach.',
  'ca.parties.ciphertextOnly':
    "None in AWS: S3 holds ciphertext only, made on the controller's premises, so whatever a principal reaches in AWS is no plaintext. Plaintext exists where the controller's key is.",
} as const;

/** A key of the message catalogues. */
export type MessageKey = keyof typeof EN;
