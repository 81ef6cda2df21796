import { textOf } from '../lib/compliance/cfn-inspect';

/* A template value as text: what the evidence report, the plan and the deployed model print. */

test('strings, numbers and booleans print as themselves; intrinsics as their JSON, never "[object Object]"', () => {
  expect(textOf('alias/suveren/lund-kommun')).toBe('alias/suveren/lund-kommun');
  expect(textOf(2555)).toBe('2555');
  expect(textOf(false)).toBe('false');
  expect(textOf(undefined)).toBe('');
  expect(textOf(null)).toBe('');
  const joined = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }]] };
  expect(textOf(joined)).toBe('{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"}]]}');
  expect(textOf(joined)).not.toBe(String(joined));
});
