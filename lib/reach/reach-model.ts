import type { Text } from '../i18n/translate';

/*
 * The reach graph's vocabulary, apart from its computation (lib/reach/reach-graph.ts) so
 * that the report's renderers and the plan need no evaluator code. docs/reach.md
 * describes the model.
 */

/** How one principal becomes another. */
export const EDGE_CLASSES = [
  'assume',
  'pass-and-run',
  'run-attached',
  'invoke',
  'change-code',
  'rewrite-trust',
  'rewrite-policy',
  'rewrite-own-policy',
  'remove-boundary',
  'assign',
] as const;
export type EdgeClass = (typeof EDGE_CLASSES)[number];

/**
 * The service a `pass-and-run` or `run-attached` step goes through: each is worded on
 * its own, since passing a role to CloudFormation and starting a build are different acts.
 */
export const EDGE_SERVICES = ['cloudformation', 'change-set', 'stacksets', 'lambda', 'codebuild', 'codepipeline'] as const;
export type EdgeService = (typeof EDGE_SERVICES)[number];

/** How a principal finally reaches plaintext. */
export const TERMINAL_CLASSES = ['read', 'decrypt', 'rewrite-key-policy', 'grant', 'rewrite-bucket-policy', 're-encrypt', 'replicate', 'batch-copy'] as const;
export type TerminalClass = (typeof TERMINAL_CLASSES)[number];

/** What stands between a principal and the next step, read from the policies and the config. */
export type Gate =
  | { readonly kind: 'approval'; readonly approvers: readonly string[] }
  | { readonly kind: 'break-glass'; readonly alarm: string }
  | { readonly kind: 'boundary'; readonly policy: string }
  | { readonly kind: 'proxy'; readonly keyStore: string }
  /** The step is allowed only to a session signed in with MFA (`aws:MultiFactorAuthPresent`). */
  | { readonly kind: 'mfa' }
  /** The step takes effect with the next release the pipeline runs: approved, but not what its approvers see. */
  | { readonly kind: 'next-release' };

export interface ReachStep {
  readonly edge: EdgeClass;
  /** The principal this step starts from. */
  readonly from: string;
  /** The principal it reaches. */
  readonly to: string;
  /** The requests that make the step, each with the statement that allowed it. */
  readonly allowedBy: readonly string[];
  /** The service it goes through, for `pass-and-run` and `run-attached`. */
  readonly via?: EdgeService;
  /** What the step itself needs beyond the requests (an MFA session). */
  readonly gates?: readonly Gate[];
}

export interface ReachPath {
  /** Where the path starts: a principal ARN, or a stand-in's. */
  readonly principal: string;
  readonly label: Text;
  /** The steps to the principal that reaches plaintext; empty when it does so itself. */
  readonly steps: readonly ReachStep[];
  readonly terminal: { readonly kind: TerminalClass; readonly principal: string; readonly allowedBy: readonly string[] };
  readonly gates: readonly Gate[];
}

/** One edge out of a principal, as `TenantReachOptions.edgesOf` returns it. */
export interface ReachEdge {
  readonly to: string;
  readonly edge: EdgeClass;
  readonly via?: EdgeService;
  readonly gates?: readonly Gate[];
}

export interface TenantReach {
  /** Every start principal with a path to plaintext, its shortest one; sorted by length, then label. */
  readonly paths: readonly ReachPath[];
  /** What the graph cannot show for this tenant's tier, in words (the premises' key holders, the crypto users, KMS grants). */
  readonly outsideTheGraph: readonly Text[];
  /** How many principals were start nodes, and how many requests the evaluator decided. */
  readonly principals: number;
  readonly evaluations: number;
  /** Every edge of the principals asked for (TenantReachOptions.edgesOf). */
  readonly edges?: Readonly<Record<string, readonly ReachEdge[]>>;
  /** The same search for the tenant's replica (docs/continuity.md): who reaches the plaintext of the second copy. @default none: no replica */
  readonly replica?: ReplicaReach;
}

/** Who reaches the plaintext of a tenant's replica, searched as for its data bucket. */
export interface ReplicaReach {
  /** The replica region. */
  readonly region: string;
  /** The replica bucket's name. */
  readonly bucket: string;
  readonly paths: readonly ReachPath[];
  readonly principals: number;
  readonly evaluations: number;
}
