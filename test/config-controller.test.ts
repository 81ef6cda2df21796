import { type ConfigDocument, configIssuesOf, exampleConfigDocument, parseDocument, withField } from './helpers';

/*
 * What the controller's annex prints and no template says (docs/evidence.md): the operator,
 * the provider facts as the controller read them, and per tenant its country, kind of
 * organisation, processing and incident reporting. Each mistake is reported at its field,
 * with the fix.
 */

const issuesOf = (document: ConfigDocument) => configIssuesOf(document, 'controller.yaml');

const example = exampleConfigDocument();

test('the example names its operator, and each tenant its country and kind of organisation', () => {
  const config = parseDocument(example);
  expect(config.organization.operator).toEqual({ name: 'Exempelförbundets it-drift', contact: 'incident@drift.example.se' });
  expect(config.organization.provider).toBeUndefined();
  expect(config.tenants.map((t) => [t.id, t.country, t.organisationType])).toEqual([
    ['lund-kommun', 'SE', 'municipality'],
    ['malmo-stad', 'SE', 'municipality'],
    ['skatteetaten-arkiv', 'NO', 'state-agency'],
  ]);
  expect(config.tenants[0].processing?.purposes).toEqual(['arkivering av allmänna handlingar enligt arkivlagen']);
});

test('a provider fact is taken with its https source and the day it was read', () => {
  const fact = { value: 'Example contracting entity', source: 'https://example.com/agreement', checkedOn: '2026-12-01' };
  expect(parseDocument(withField(example, 'organization.provider', { contractingEntity: fact })).organization.provider?.contractingEntity).toEqual(fact);
});

test.each([
  ['a country the annex knows no law of', 'tenants.0.country', 'DK', 'tenants[0].country', /one of SE, NO/],
  ['an unknown kind of organisation', 'tenants.0.organisationType', 'kommun', 'tenants[0].organisationType', /state-agency, municipality, region, other/],
  ['an empty list of purposes', 'tenants.0.processing.purposes', [], 'tenants[0].processing.purposes', /leave the field out until it is decided/],
  ['an operator without a name', 'organization.operator', { contact: 'x@example.se' }, 'organization.operator.name', /operator's name/],
  [
    'a provider fact read from a plain http page',
    'organization.provider',
    { subProcessors: { value: 'list of 2026-11-01', source: 'http://example.com', checkedOn: '2026-12-01' } },
    'organization.provider.subProcessors.source',
    /https:\/\//,
  ],
  [
    'a provider fact without the day it was read',
    'organization.provider',
    { subProcessors: { value: 'list of 2026-11-01', source: 'https://example.com/list', checkedOn: '2026-02-30' } },
    'organization.provider.subProcessors.checkedOn',
    /not a calendar date/,
  ],
  [
    'an incident-law answer that is neither',
    'tenants.0.incidentReporting.nationalLaw',
    'yes',
    'tenants[0].incidentReporting.nationalLaw',
    /applies or does-not-apply/,
  ],
])('%s is refused at its field', (_, field, value, at, message) => {
  expect(issuesOf(withField(example, field, value))).toEqual([[at, expect.stringMatching(message)]]);
});

test('the kind of organisation and the incident law are read against a country, so either without one is refused', () => {
  const noCountry = withField(withField(example, 'tenants.0.country', undefined), 'tenants.0.incidentReporting.nationalLaw', 'applies');
  expect(issuesOf(noCountry)).toEqual([
    ['tenants[0].organisationType', expect.stringMatching(/depends on its country: add country \(SE or NO\)/)],
    ['tenants[0].incidentReporting.nationalLaw', expect.stringMatching(/names no law without a country: add country/)],
  ]);
});
