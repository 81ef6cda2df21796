/*
 * What Suveren-Pipeline's stack names and IAM Identity Center's platform permission sets
 * grant on: the pipeline's name and its approval actions. Apart from names.ts, which the
 * functions' bundles carry, so that naming the pipeline here changes no function's code.
 */

/** The name CodePipeline gives Suveren-Pipeline's pipeline, and the first segment of every artifact's object key. */
export const PIPELINE_NAME = 'suveren';
/** The pipeline's manual approval actions, by what they approve: the people who may approve are the config's platform groups. */
export const PIPELINE_APPROVAL_ACTIONS = { changes: 'ApproveChanges', organization: 'ApproveOrganization' } as const;
