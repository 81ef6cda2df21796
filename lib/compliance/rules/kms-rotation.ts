import { Compliance, Level } from '../rule-verdict-values';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

export const kmsRotation: SovereigntyRule = {
  id: SovereigntyRuleIds.KmsRotation,
  info: 'The symmetric KMS key with AWS_KMS key material does not rotate automatically.',
  explanation:
    'Rotation limits how much data one version of key material protects. Keys with imported (EXTERNAL) or CloudHSM (AWS_CLOUDHSM) material cannot rotate automatically and are rotated by hand, as the HSM runbook describes.',
  level: Level.ERROR,
  check(resource) {
    if (resource.Type !== 'AWS::KMS::Key') return Compliance.NOT_APPLICABLE;
    const props = resource.Properties ?? {};
    const origin = props.Origin ?? 'AWS_KMS';
    const spec = props.KeySpec ?? 'SYMMETRIC_DEFAULT';
    if (origin !== 'AWS_KMS' || spec !== 'SYMMETRIC_DEFAULT') return Compliance.NOT_APPLICABLE;
    // Only a literal true: a parameter or condition could turn rotation off at deploy time.
    const rotation = props.EnableKeyRotation;
    return rotation === true || rotation === 'true' ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
