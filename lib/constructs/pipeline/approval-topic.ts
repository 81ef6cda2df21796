import { aws_kms as kms, aws_sns as sns, aws_sns_subscriptions as subscriptions } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface ApprovalTopicProps {
  /** What the approvers approve, for the topic's display name. */
  readonly purpose: string;
  /** The approvers' e-mail addresses: each confirms its subscription once. */
  readonly approvers: readonly string[];
  /** Encrypts the notifications at rest. */
  readonly encryptionKey: kms.IKey;
}

/**
 * An encrypted SNS topic whose subscribers are the approvers of one manual approval in
 * Suveren-Pipeline. TLS only. Who may approve is IAM's decision
 * (`codepipeline:PutApprovalResult` on the action); the topic tells them something waits.
 */
export class ApprovalTopic extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: ApprovalTopicProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `suveren: ${props.purpose}`,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    for (const address of props.approvers) this.topic.addSubscription(new subscriptions.EmailSubscription(address));
  }
}
