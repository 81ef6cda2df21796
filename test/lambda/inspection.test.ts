import { decideOnObject, quarantineKey, tagValue } from '../../lambda/inspect/inspection';

/* The inspection's pure core: every branch of what happens to a new object. */

const KEY = 'arn:aws:kms:eu-north-1:333333333331:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const settings = { tenantId: 'lund-kommun', tier: 'standard' as const, keyArn: KEY };
const object = {
  key: 'objects/0f8fad5b-d9cb-469f-a165-70867728950e',
  size: 10,
  serverSideEncryption: 'aws:kms',
  kmsKeyId: KEY,
  tags: { 'suveren:inspection': 'pending' },
};

test.each([
  ['an object under the tenant key is accepted', object, { action: 'accept' }],
  ['an accepted object is skipped (duplicate event)', { ...object, tags: { 'suveren:inspection': 'accepted' } }, { action: 'skip', why: 'already accepted' }],
  ['outside objects/ is quarantined', { ...object, key: 'elsewhere/x' }, { action: 'quarantine', reason: 'stored outside objects/' }],
  ['SSE-S3 is quarantined', { ...object, serverSideEncryption: 'AES256' }, { action: 'quarantine', reason: 'encrypted with AES256 instead of aws:kms' }],
  [
    'another key is quarantined',
    { ...object, kmsKeyId: 'arn:aws:kms:eu-west-1:999999999999:key/other' },
    { action: 'quarantine', reason: 'encrypted under key arn:aws:kms:eu-west-1:999999999999:key/other instead of the tenant key' },
  ],
  [
    'more than the slot allowed is quarantined',
    { ...object, size: 11, maxLength: 10 },
    { action: 'quarantine', reason: '11 bytes, more than the 10 its upload slot allowed' },
  ],
])('%s', (_name, stored, expected) => {
  expect(decideOnObject(stored, settings)).toEqual(expected);
});

test('client-side objects have their header read; an empty one is quarantined', () => {
  expect(decideOnObject(object, { ...settings, tier: 'client-side' })).toEqual({ action: 'read-header' });
  expect(decideOnObject({ ...object, size: 0 }, { ...settings, tier: 'client-side' })).toEqual({ action: 'quarantine', reason: 'empty object' });
});

test('quarantine keys keep versions apart, and tag values keep only what S3 accepts', () => {
  expect(quarantineKey('objects/a', 'v1')).toBe('quarantine/objects/a/v1');
  expect(quarantineKey('objects/a', undefined)).toBe('quarantine/objects/a/null');
  expect(tagValue('not "this" tenant\'s <ciphertext>')).toBe('not this tenant s ciphertext');
});
