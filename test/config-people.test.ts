import { type ConfigDocument, configIssuesOf, exampleConfigDocument, parseDocument, withField } from './helpers';

/*
 * People through IAM Identity Center (docs/people.md): the config names the instance and,
 * per tenant, the identity-store groups of each person-facing role. Each mistake is
 * reported at its field, with the fix.
 */

const issuesOf = (document: ConfigDocument) => configIssuesOf(document, 'people.yaml');

const example = exampleConfigDocument();
const LUND_KEY_ADMINS = '9067a1b2c3-11111111-1111-4111-8111-111111111103';

test('the example config has Identity Center and a group for each person-facing role of its tenants', () => {
  const config = parseDocument(example);
  expect(config.identityCenter).toMatchObject({
    instanceArn: 'arn:aws:sso:::instance/ssoins-6987a1b2c3d4e5f6',
    identityStoreId: 'd-9067a1b2c3',
    homeRegion: 'eu-north-1',
    delegatedAdministrator: '666666666666',
  });
  for (const tenant of config.tenants)
    expect([tenant.people?.reader.length, tenant.people?.uploader.length, tenant.people?.keyAdmin.length]).toEqual([1, 1, 1]);
});

test.each([
  [
    'a display name where the group id belongs',
    'tenants.0.people.reader',
    ['Lund arkivarier'],
    'tenants[0].people.reader[0]',
    /identity-store group id.*not the group's display name/,
  ],
  [
    'an instance ARN of the wrong shape',
    'identityCenter.instanceArn',
    'arn:aws:sso:::instance/ins-1',
    'identityCenter.instanceArn',
    /aws sso-admin list-instances/,
  ],
  ['an identity store id of the wrong shape', 'identityCenter.identityStoreId', 'store-1', 'identityCenter.identityStoreId', /d-9067a1b2c3/],
  ['an unknown role kind', 'tenants.0.people.admin', ['9067a1b2c3-11111111-1111-4111-8111-111111111109'], 'tenants[0].people.admin', /unknown key "admin"/],
  ['a home region outside the EU', 'identityCenter.homeRegion', 'us-east-1', 'identityCenter.homeRegion', /EU regions/],
  [
    'a home region not in allowedRegions',
    'identityCenter.homeRegion',
    'eu-central-1',
    'identityCenter.homeRegion',
    /not in organization.allowedRegions.*add eu-central-1/,
  ],
  [
    'the management account as delegated administrator',
    'identityCenter.delegatedAdministrator',
    '111111111111',
    'identityCenter.delegatedAdministrator',
    /no sso:\*.*register-delegated-administrator/,
  ],
  [
    "a tenant's account as delegated administrator",
    'identityCenter.delegatedAdministrator',
    '333333333331',
    'identityCenter.delegatedAdministrator',
    /tenant "lund-kommun".*account of its own/,
  ],
  [
    'migration groups while no migration role exists',
    'tenants.0.people.migration',
    ['9067a1b2c3-11111111-1111-4111-8111-111111111104'],
    'tenants[0].people.migration',
    /set migration: true/,
  ],
])('%s is refused at its field', (_, field, value, at, message) => {
  expect(issuesOf(withField(example, field, value))).toEqual([[at, expect.stringMatching(message)]]);
});

test("the platform's groups: assigned in Suveren-Pipeline's account need a deployment section, and none is listed twice", () => {
  const config = parseDocument(example);
  expect(Object.values(config.identityCenter!.platformGroups!).map((groups) => groups.length)).toEqual([1, 1, 1, 1]);
  expect(config.identityCenter!.groupOwners).toMatch(/group administrators/);
  const withoutPipeline = { ...example, deployment: undefined };
  expect(issuesOf(withoutPipeline).filter(([at]) => at.startsWith('identityCenter'))).toEqual(
    ['operator', 'changeApprover', 'organizationApprover'].map((kind) => [
      `identityCenter.platformGroups.${kind}`,
      expect.stringMatching(/Suveren-Pipeline's account, and the config has no deployment section: add deployment, or remove these groups/),
    ]),
  );
  const operator = config.identityCenter!.platformGroups!.operator[0];
  expect(issuesOf(withField(example, 'identityCenter.platformGroups.operator', [operator, operator]))).toEqual([
    ['identityCenter.platformGroups.operator[1]', expect.stringMatching(/listed twice/)],
  ]);
});

test('people without identityCenter are refused, naming the section to add', () => {
  const document = { ...example, identityCenter: undefined };
  expect(issuesOf(document)).toEqual(
    [0, 1, 2].map((i) => [`tenants[${i}].people`, expect.stringMatching(/needs identityCenter.*add the identityCenter section, or remove people/)]),
  );
});

test("one group holding two tenants' key-administrator roles is refused, unless both say sharedAcrossTenants with a reason", () => {
  const shared = withField(example, 'tenants.1.people.keyAdmin', [LUND_KEY_ADMINS]);
  expect(issuesOf(shared)).toEqual([
    ['tenants[0].people.keyAdmin[0]', expect.stringMatching(/also administers the key of malmo-stad.*sharedAcrossTenants: true with a sharedReason/)],
    ['tenants[1].people.keyAdmin[0]', expect.stringMatching(/also administers the key of lund-kommun/)],
  ]);
  const oneSays = withField(shared, 'tenants.1.people.sharedAcrossTenants', true);
  expect(
    issuesOf(oneSays)
      .map(([at]) => at)
      .sort(),
  ).toEqual(['tenants[0].people.keyAdmin[0]', 'tenants[1].people.sharedReason']);
  const reason = 'one crypto office serves both boards';
  const bothSay = withField(
    withField(
      withField(withField(oneSays, 'tenants.1.people.sharedReason', reason), 'tenants.0.people.sharedAcrossTenants', true),
      'tenants.0.people.sharedReason',
      reason,
    ),
    'tenants.2.people',
    undefined,
  );
  expect(() => parseDocument(bothSay)).not.toThrow();
});

test('restorer groups need continuity: the restorer role exists only for a tenant with a replica', () => {
  expect(issuesOf(withField(example, 'tenants.0.continuity', undefined))).toEqual([
    [
      'tenants[0].people.restorer',
      'names groups for a restorer role that does not exist; give the tenant continuity (a replica region), or remove these groups',
    ],
  ]);
  expect(parseDocument(example).tenants[0].people?.restorer).toEqual(['9067a1b2c3-11111111-1111-4111-8111-111111111106']);
});

test('a group listed twice for one role is refused at the second', () => {
  expect(
    issuesOf(
      withField(example, 'tenants.0.people.reader', ['9067a1b2c3-11111111-1111-4111-8111-111111111101', '9067a1b2c3-11111111-1111-4111-8111-111111111101']),
    ),
  ).toEqual([['tenants[0].people.reader[1]', expect.stringMatching(/listed twice/)]]);
});

test('the European Sovereign Cloud has no IAM Identity Center: the config says so and names the compensating way', () => {
  const document = {
    ...example,
    organization: { ...(example.organization as object), allowedRegions: ['eusc-de-east-1'], homeRegion: 'eusc-de-east-1' },
    identityCenter: { ...(example.identityCenter as object), homeRegion: 'eusc-de-east-1' },
  };
  expect(issuesOf(document)).toContainEqual([
    'identityCenter',
    expect.stringMatching(/not available in aws-eusc \(AWS European Sovereign Cloud\).*federate each account with SAML/),
  ]);
});
