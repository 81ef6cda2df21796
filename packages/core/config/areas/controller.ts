import { z } from 'zod';
import { ORGANISATION_TYPES, TENANT_COUNTRIES } from '../../contracts/jurisdictions';
import { calendarDate, httpsUrl } from '../../fields/config-fields';
import type { CrossFieldContext } from './context';

/*
 * What the controller's annex (docs/evidence.md) prints and no template can say: who the
 * operator is, what the provider's contract says (as the controller read it, with where
 * and when), and per tenant its country, kind of organisation and processing. suveren
 * never fills these in: an absent field prints as "not provided".
 */

const shortText = (what: string, example: string) =>
  z
    .string({ error: `expected ${what}, e.g. "${example}"` })
    .trim()
    .min(1, 'must not be empty')
    .max(256, 'at most 256 characters');

/** A fact about the provider as the controller read it in the contract or on the provider's page: the tool asserts none. */
const providerFact = (what: string, example: string) =>
  z
    .strictObject({
      value: shortText(what, example).meta({ description: `${what}, as the source states it.` }),
      source: httpsUrl.meta({ description: 'Where it was read: the contract\'s or the provider\'s page.' }),
      checkedOn: calendarDate.meta({ description: 'When it was read there, as YYYY-MM-DD.' }),
    })
    .optional()
    .meta({ description: `${what}, with where and when it was read; "not provided" in the annex until given.` });

export const operatorSchema = z
  .strictObject({
    name: shortText('the operator\'s name', 'Kommunalförbundet Sydarkivera').meta({ description: 'Who runs this landing zone for the tenants (the processor), e.g. "Kommunalförbundet Sydarkivera".' }),
    contact: shortText('where the operator takes incident and data-protection questions', 'incident@operator.example').optional().meta({ description: 'Where the operator takes incident and data-protection questions.' }),
  })
  .optional()
  .meta({ description: 'The operator of the landing zone, the tenants\' processor: named in each controller\'s annex.' });

export const providerSchema = z
  .strictObject({
    contractingEntity: providerFact('the provider\'s contracting entity', 'Amazon Web Services EMEA SARL'),
    subProcessors: providerFact('the provider\'s sub-processor list', 'AWS sub-processors page, version of 2026-11-01'),
    dataProcessingTerms: providerFact('the provider\'s data processing terms', 'AWS GDPR Data Processing Addendum'),
  })
  .optional()
  .meta({ description: 'Facts about the cloud provider as the controller read them (the annex quotes them with source and date, never asserts them).' });

const listOf = (what: string, example: string) =>
  z
    .array(shortText(what, example), { error: `expected a list, e.g. ["${example}"]` })
    .min(1, 'list at least one, or leave the field out until it is decided')
    .optional()
    .meta({ description: `${what}; "not provided" in the annex until given.` });

export const processingSchema = z
  .strictObject({
    purposes: listOf('The purposes of the processing', 'arkivering av allmänna handlingar'),
    dataCategories: listOf('The categories of personal data', 'personnummer'),
    dataSubjects: listOf('The categories of data subjects', 'invånare'),
    recipients: listOf('The recipients', 'Riksarkivet'),
  })
  .optional()
  .meta({ description: 'The processing as the controller describes it (GDPR Art. 35(7)(a)): printed in the annex, "not provided" until given.' });

export const incidentReportingSchema = z
  .strictObject({
    nationalLaw: z
      .enum(['applies', 'does-not-apply'], { error: 'expected applies or does-not-apply: whether the country\'s incident-reporting law (cybersäkerhetslagen, digitalsikkerhetsloven) covers this organisation' })
      .optional()
      .meta({ description: 'Whether the country\'s incident-reporting law covers this organisation. Default: applies for SE (cybersäkerhetslagen covers state agencies, regions and municipalities), does-not-apply for NO (digitalsikkerhetsloven covers listed sectors).' }),
    controllerContact: shortText('where the controller takes breach reports', 'dataskyddsombud@lund.se').optional().meta({ description: 'Where the controller takes breach reports (its data protection officer or incident desk).' }),
  })
  .optional()
  .meta({ description: 'How a breach of this tenant\'s data is reported beyond the GDPR\'s 72 hours.' });

export const tenantControllerFields = {
  country: z
    .enum(TENANT_COUNTRIES, { error: `expected the controller's country: one of ${TENANT_COUNTRIES.join(', ')} (the annex cites that country's law)` })
    .optional()
    .meta({ description: 'The controller\'s country (SE or NO): the annex cites that country\'s archive, incident and secrecy law, and no other\'s.' }),
  organisationType: z
    .enum(ORGANISATION_TYPES, { error: `expected one of ${ORGANISATION_TYPES.join(', ')}` })
    .optional()
    .meta({ description: 'The kind of public body: state-agency, municipality, region or other (MSBFS 2020:6 and 2020:7 bind state agencies only).' }),
  processing: processingSchema,
  incidentReporting: incidentReportingSchema,
};

/** The annex's fields need the country they are read against. */
export function controllerIssues(context: CrossFieldContext): void {
  const { config, issue } = context;
  config.tenants.forEach((tenant, i) => {
    if (tenant.country !== undefined) return;
    if (tenant.organisationType !== undefined)
      issue(['tenants', i, 'organisationType'], `which rules bind a ${tenant.organisationType} depends on its country: add country (${TENANT_COUNTRIES.join(' or ')})`);
    if (tenant.incidentReporting?.nationalLaw !== undefined)
      issue(['tenants', i, 'incidentReporting', 'nationalLaw'], `names no law without a country: add country (${TENANT_COUNTRIES.join(' or ')})`);
  });
}
