import type { Text } from '../evidence/i18n/translate';

/*
 * The reach graph's vocabulary, apart from its computation (lib/reach/reach-graph.ts) so
 * that the report's renderers and the plan need no evaluator code. docs/reach.md
 * describes the model.
 */

/** How one principal becomes another. */
export const EDGE_CLASSES = ['assume', 'pass-and-run', 'run-attached', 'change-code', 'rewrite-trust', 'rewrite-own-policy'] as const;
export type EdgeClass = (typeof EDGE_CLASSES)[number];

/** How a principal finally reaches plaintext. */
export const TERMINAL_CLASSES = ['read', 'decrypt', 'rewrite-key-policy', 'grant', 'rewrite-bucket-policy', 're-encrypt'] as const;
export type TerminalClass = (typeof TERMINAL_CLASSES)[number];

/** What stands between a principal and the next step, read from the policies and the config. */
export type Gate =
  | { readonly kind: 'approval'; readonly approvers: readonly string[] }
  | { readonly kind: 'break-glass'; readonly alarm: string }
  | { readonly kind: 'boundary'; readonly policy: string }
  | { readonly kind: 'proxy'; readonly keyStore: string };

export interface ReachStep {
  readonly edge: EdgeClass;
  /** The principal this step starts from. */
  readonly from: string;
  /** The principal it reaches. */
  readonly to: string;
  /** The requests that make the step, each with the statement that allowed it. */
  readonly allowedBy: readonly string[];
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

export interface TenantReach {
  /** Every start principal with a path to plaintext, its shortest one; sorted by length, then label. */
  readonly paths: readonly ReachPath[];
  /** What the graph cannot show for this tenant's tier, in words (the premises' key holders, the crypto users, KMS grants). */
  readonly outsideTheGraph: readonly Text[];
  /** How many principals were start nodes, and how many requests the evaluator decided. */
  readonly principals: number;
  readonly evaluations: number;
  /** Every edge of the principals asked for (TenantReachOptions.edgesOf). */
  readonly edges?: Readonly<Record<string, readonly { readonly to: string; readonly edge: EdgeClass }[]>>;
}
