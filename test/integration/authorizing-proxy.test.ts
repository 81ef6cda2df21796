import { GetObjectAclCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type AuthorizedMoto, startAuthorizedMoto } from '../support/authorized-moto';

/*
 * The authorizer in front of moto refuses what it cannot attribute or model, rather
 * than letting it through: an unknown access key, an unsigned request, an S3 call it
 * has no IAM mapping for. What it allows and denies on the upload path is in
 * test/integration/upload-path.test.ts.
 */

let aws: AuthorizedMoto;
beforeAll(async () => {
  aws = await startAuthorizedMoto('lund-kommun');
}, 60_000);
afterAll(async () => aws?.stop());

test('a key the authorizer did not issue is refused with InvalidAccessKeyId', async () => {
  const stranger = new S3Client({
    endpoint: aws.proxy.endpoint,
    region: 'eu-north-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' },
  });
  await expect(stranger.send(new PutObjectCommand({ Bucket: aws.names.data, Key: 'objects/x', Body: 'x' }))).rejects.toMatchObject({
    name: 'InvalidAccessKeyId',
  });
});

test('an unsigned request is refused', async () => {
  const response = await fetch(`${aws.proxy.endpoint}/${aws.names.data}/objects/x`);
  expect(response.status).toBe(403);
  expect(await response.text()).toMatch(/<Code>AccessDenied<\/Code>.*Anonymous requests are not modelled/s);
});

test('an S3 call without an IAM mapping is refused as not modelled, never passed through', async () => {
  const reader = aws.s3As(aws.names.role('reader'));
  await expect(reader.send(new GetObjectAclCommand({ Bucket: aws.names.data, Key: 'objects/a' }))).rejects.toMatchObject({ name: 'NotModelledByAuthorizer' });
  expect(aws.proxy.log).toEqual([]);
});

test('a denial names the deciding statement and is logged with it', async () => {
  const uploader = aws.s3As(aws.names.role('uploader'));
  await expect(
    uploader.send(
      new PutObjectCommand({
        Bucket: aws.names.data,
        Key: 'objects/x',
        Body: 'x',
        SSECustomerAlgorithm: 'AES256',
        SSECustomerKey: Buffer.alloc(32).toString('base64'),
      }),
    ),
  ).rejects.toMatchObject({
    name: 'AccessDenied',
    message: expect.stringMatching(
      /^\[suveren authorizer: .*DenySseC.*\] User: arn:aws:iam::333333333331:role\/suveren-lund-kommun-uploader is not authorized to perform: s3:PutObject/,
    ),
  });
  expect(aws.proxy.log.at(-1)).toMatchObject({ allowed: false, denied: { outcome: 'ExplicitlyDenied' } });
});
