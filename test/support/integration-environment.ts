import './jest-environment';

// aws-cdk-lib's CloudFormation schema validation (a WebAssembly engine) costs about 5.7
// CPU-seconds in every process that synthesizes, and most suites here test something
// else. It is off by aws-cdk-lib's own switch, as in the unit project, except where it is
// under test: shape-validation.test.ts turns it back on, stack-limits.test.ts sets it
// per case, and the real `cdk synth` runs of cdk-cli.test.ts and
// pipeline-buildspecs.test.ts start from an environment without it. cfn-lint.test.ts
// checks every template against CloudFormation's schemas besides.
process.env.CDK_VALIDATION = 'false';
