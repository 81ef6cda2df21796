import { CfnResource, aws_kms as kms } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { resolved } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

export const kmsRotation: SovereigntyRule = {
  id: SovereigntyRuleIds.KmsRotation,
  info: 'The symmetric KMS key with AWS_KMS key material does not rotate automatically.',
  explanation:
    'Rotation limits how much data one version of key material protects. Keys with imported (EXTERNAL) or CloudHSM (AWS_CLOUDHSM) material cannot rotate automatically and are rotated by hand, as the HSM runbook describes.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof kms.CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const origin = resolved(node, node.origin) ?? 'AWS_KMS';
    const spec = resolved(node, node.keySpec) ?? 'SYMMETRIC_DEFAULT';
    if (origin !== 'AWS_KMS' || spec !== 'SYMMETRIC_DEFAULT') return NagRuleCompliance.NOT_APPLICABLE;
    const rotation = resolved(node, node.enableKeyRotation);
    return rotation === true || rotation === 'true' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
