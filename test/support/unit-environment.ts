import './jest-environment';

// The unit project synthesizes in nearly every file; aws-cdk-lib's CloudFormation schema
// validation (a WebAssembly engine) costs 3.5 s of each file's cold start. It is off
// here, by aws-cdk-lib's own switch, and on in the integration project: the real
// `cdk synth`, the pipeline's synth, shape-validation.test.ts and cfn-lint over every
// template still validate every template against the schemas.
process.env.CDK_VALIDATION = 'false';
