import { RegionGuardRuleIds, RuntimeRuleIds, SovereigntyRuleIds } from '../../compliance/rule-ids';
import type { SourceId } from './sources';

/*
 * The controls the evidence report speaks for, and the provisions and guidance each is
 * relevant to, as data beside the controls: the synth-time rules (cdk-nag pack and region
 * guard), the run-time rules (AWS Config), and the facts the report itself states (key
 * custody per tier, tenant separation, the technical annex, the platform's scope).
 * Relevant is not compliant: the mapping says where a reader looks, not that a provision
 * is met. Each entry names a source in ./sources.ts, which carries issuer, title,
 * version, date and the day it was checked.
 */

/** Controls the report states from the templates as a whole, not through one rule. */
export const ReportControlIds = {
  /** Each tenant's data key is held in the custody its tier names. */
  KeyCustody: 'Suveren-CUSTODY',
  /** Each tenant has its own key, bucket and roles; the access matrix shows who may do what. */
  TenantSeparation: 'Suveren-SEPARATION',
  /** The technical annex: who can reach plaintext, keys or metadata, per kind of access. */
  TechnicalAnnex: 'Suveren-ANNEX',
  /** suveren's classifications are data classes, and security-classified information is out of scope. */
  Scope: 'Suveren-SCOPE',
  /** The controller's annex: locations, parties that reach plaintext, retention, the breach path and exit, per tenant and its country's law. */
  ControllerAnnex: 'Suveren-DPIA',
} as const;

export type ControlId =
  | (typeof SovereigntyRuleIds)[keyof typeof SovereigntyRuleIds]
  | (typeof RuntimeRuleIds)[keyof typeof RuntimeRuleIds]
  | (typeof RegionGuardRuleIds)[keyof typeof RegionGuardRuleIds]
  | (typeof ReportControlIds)[keyof typeof ReportControlIds];

/**
 * Where in a source: a GDPR article (rendered per language: "Art. 32(1)(a)", "artikel
 * 32.1 a", "artikkel 32 nr. 1 bokstav a"), a sentence of the catalogues with its
 * parameters, or a reference in the source's own language (a Swedish section).
 */
export type Provision =
  | { readonly article: number; readonly to?: number; readonly paragraph?: number; readonly point?: string }
  | { readonly kind: ProvisionKind; readonly number?: string }
  | { readonly literal: string };

export const PROVISION_KINDS = ['useCase', 'measure', 'principle', 'clause', 'chapter', 'whole', 'whereItBinds', 'outOfScope', 'ifReliedOn'] as const;
export type ProvisionKind = (typeof PROVISION_KINDS)[number];

export interface MappingEntry {
  readonly source: SourceId;
  readonly provision: Provision;
  /** False where the provision's number was read from a secondary source, not the issuer's text. */
  readonly provisionVerified?: boolean;
}

export interface ControlMapping {
  readonly id: ControlId;
  /** `synth`: a cdk-nag or region-guard rule before deployment; `runtime`: an AWS Config rule; `report`: stated by the report from the templates. */
  readonly kind: 'synth' | 'runtime' | 'report';
  readonly mapping: readonly MappingEntry[];
}

const art = (article: number, paragraph?: number, point?: string): MappingEntry => ({ source: 'gdpr', provision: { article, paragraph, point } });
const chapterV: MappingEntry = { source: 'gdpr', provision: { article: 44, to: 49 } };
const transferGuidelines: MappingEntry = { source: 'edpb-guidelines-05-2021', provision: { kind: 'whole' } };
const osl: MappingEntry = { source: 'se-osl-10-2a', provision: { literal: '10 kap. 2 a §' } };
const nsm = (number: string, verified = true): MappingEntry => ({
  source: 'no-nsm-grunnprinsipper-2-0',
  provision: { kind: number.split('.').length === 2 ? 'principle' : 'measure', number },
  ...(verified ? {} : { provisionVerified: false }),
});
const msbfs7: MappingEntry = { source: 'se-msbfs-2020-7', provision: { kind: 'whereItBinds' } };

export const CONTROLS: readonly ControlMapping[] = [
  // Before deployment: the Sovereignty pack
  { id: SovereigntyRuleIds.S3CmkEncryption, kind: 'synth', mapping: [art(32, 1, 'a'), art(5, 1, 'f'), nsm('2.7.2'), nsm('2.7.3'), msbfs7] },
  { id: SovereigntyRuleIds.S3TlsOnly, kind: 'synth', mapping: [art(32, 1, 'a'), art(5, 1, 'f'), nsm('2.7.4'), msbfs7] },
  { id: SovereigntyRuleIds.S3KeyPinned, kind: 'synth', mapping: [art(32, 1, 'a'), art(25, 1), nsm('2.7.2')] },
  { id: SovereigntyRuleIds.KmsRotation, kind: 'synth', mapping: [art(32, 1, 'a'), nsm('2.7.1')] },
  {
    id: SovereigntyRuleIds.KmsSingleRegion,
    kind: 'synth',
    mapping: [chapterV, transferGuidelines, { source: 'no-datatilsynet-overforing', provision: { kind: 'whole' } }],
  },
  { id: SovereigntyRuleIds.LogsCmkAndRetention, kind: 'synth', mapping: [art(5, 1, 'f'), art(32, 1, 'a'), nsm('3.2', false)] },
  { id: SovereigntyRuleIds.LambdaEnvironmentCmk, kind: 'synth', mapping: [art(32, 1, 'a'), nsm('2.7.2')] },
  { id: SovereigntyRuleIds.LambdaAsyncDlq, kind: 'synth', mapping: [art(32, 1, 'b'), art(5, 1, 'f')] },
  {
    id: SovereigntyRuleIds.TrailIntegrity,
    kind: 'synth',
    mapping: [art(5, 2), art(32, 1, 'b'), nsm('3.2', false), msbfs7, { source: 'se-cybersakerhetslag-2025-1506', provision: { kind: 'whereItBinds' } }],
  },
  { id: SovereigntyRuleIds.TrailArchiveLocked, kind: 'synth', mapping: [art(5, 2), art(5, 1, 'f'), nsm('3.2', false)] },
  {
    id: SovereigntyRuleIds.NoEdgeProcessing,
    kind: 'synth',
    mapping: [chapterV, transferGuidelines, { source: 'no-dfo-schrems-ii', provision: { kind: 'whole' } }],
  },
  // Before deployment: the region guard
  {
    id: RegionGuardRuleIds.StackRegion,
    kind: 'synth',
    mapping: [chapterV, transferGuidelines, osl, { source: 'no-datatilsynet-overforing', provision: { kind: 'whole' } }],
  },
  { id: RegionGuardRuleIds.MultiRegionKey, kind: 'synth', mapping: [chapterV, transferGuidelines] },
  { id: RegionGuardRuleIds.Replication, kind: 'synth', mapping: [chapterV, transferGuidelines, osl] },
  // At run time: AWS Config
  { id: RuntimeRuleIds.AllowedRegion, kind: 'runtime', mapping: [chapterV, transferGuidelines] },
  { id: RuntimeRuleIds.SseCRefused, kind: 'runtime', mapping: [art(32, 1, 'a'), nsm('2.7.1')] },
  {
    id: RuntimeRuleIds.BucketKeysByTier,
    kind: 'runtime',
    mapping: [art(32, 1, 'a'), { source: 'edpb-recommendations-01-2020', provision: { kind: 'useCase', number: '6' } }],
  },
  { id: RuntimeRuleIds.BucketVersioning, kind: 'runtime', mapping: [art(32, 1, 'b'), art(32, 1, 'c')] },
  { id: RuntimeRuleIds.BucketReplication, kind: 'runtime', mapping: [art(32, 1, 'b'), art(32, 1, 'c')] },
  { id: RuntimeRuleIds.BucketNotPublic, kind: 'runtime', mapping: [art(25, 2), art(5, 1, 'f'), nsm('2.6', false)] },
  { id: RuntimeRuleIds.NoRootKmsWildcard, kind: 'runtime', mapping: [art(25, 2), art(32, 4), nsm('2.6', false)] },
  { id: RuntimeRuleIds.KeyNotScheduledForDeletion, kind: 'runtime', mapping: [art(32, 1, 'b'), art(32, 1, 'c')] },
  { id: RuntimeRuleIds.CustodySecretProtected, kind: 'runtime', mapping: [art(32, 1, 'b'), nsm('2.7.1')] },
  // Stated by the report
  {
    id: ReportControlIds.KeyCustody,
    kind: 'report',
    mapping: [
      art(32, 1, 'a'),
      art(28, 3, 'c'),
      { source: 'edpb-recommendations-01-2020', provision: { kind: 'useCase', number: '1' } },
      { source: 'edpb-recommendations-01-2020', provision: { kind: 'useCase', number: '6' } },
      { source: 'scc-2021-914', provision: { kind: 'clause', number: '14' } },
      { source: 'dpf-decision-2023-1795', provision: { kind: 'ifReliedOn' } },
      { source: 'dpf-appeal-latombe', provision: { kind: 'ifReliedOn' } },
      // The US law the technical annex describes, per tier.
      { source: 'us-cloud-act', provision: { literal: '18 U.S.C. § 2713' } },
      { source: 'us-fisa-702', provision: { literal: '50 U.S.C. § 1881a' } },
      { source: 'us-eo-14086', provision: { kind: 'whole' } },
      osl,
      { source: 'se-lag-2020-914', provision: { kind: 'whole' } },
      { source: 'se-esam-utkontraktering-2023', provision: { kind: 'whole' } },
      nsm('2.7.1'),
      { source: 'no-dfo-schrems-ii', provision: { kind: 'whole' } },
      { source: 'no-datatilsynet-overforing', provision: { kind: 'whole' } },
    ],
  },
  {
    id: ReportControlIds.TenantSeparation,
    kind: 'report',
    mapping: [art(25, 1), art(28, 3, 'c'), art(32, 4), nsm('2.6', false), msbfs7],
  },
  {
    id: ReportControlIds.TechnicalAnnex,
    kind: 'report',
    mapping: [
      art(35, 7, 'c'),
      chapterV,
      { source: 'edpb-recommendations-01-2020', provision: { kind: 'whole' } },
      transferGuidelines,
      osl,
      { source: 'se-msbfs-2020-6', provision: { kind: 'whereItBinds' } },
      { source: 'se-cybersakerhetslag-2025-1506', provision: { kind: 'whereItBinds' } },
      { source: 'no-datatilsynet-overforing', provision: { kind: 'whole' } },
    ],
  },
  {
    id: ReportControlIds.ControllerAnnex,
    kind: 'report',
    mapping: [
      art(35, 7),
      art(5, 1, 'e'),
      art(17),
      art(28, 4),
      art(33, 1),
      art(32, 1, 'c'),
      { source: 'se-arkivlag-1990-782', provision: { kind: 'whereItBinds' } },
      { source: 'no-arkivlova', provision: { kind: 'whereItBinds' } },
      { source: 'se-cybersakerhetslag-2025-1506', provision: { literal: '2 kap. 5–8 §§' } },
      { source: 'se-cybersakerhetsforordning-2025-1507', provision: { kind: 'whereItBinds' } },
      { source: 'no-digitalsikkerhetsloven', provision: { kind: 'whereItBinds' } },
    ],
  },
  {
    id: ReportControlIds.Scope,
    kind: 'report',
    mapping: [
      { source: 'se-sakerhetsskyddslag-2018-585', provision: { kind: 'outOfScope' } },
      { source: 'no-sikkerhetsloven', provision: { kind: 'outOfScope' } },
    ],
  },
];
