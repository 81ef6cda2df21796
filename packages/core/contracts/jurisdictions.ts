import type { EuRegion } from './regions';

/*
 * Where things are, and whose law a tenant answers to: the countries the controller's
 * annex knows the law of, the kinds of organisation that decide which national rules
 * bind a tenant, and the country each allowed region's data centres are in. One source
 * for the config schema, the evidence report and the annex.
 */

/** The countries whose archive, incident-reporting and secrecy law the annex cites (ISO 3166-1 alpha-2). */
export const TENANT_COUNTRIES = ['SE', 'NO'] as const;
export type TenantCountry = (typeof TENANT_COUNTRIES)[number];

/**
 * The kinds of public body the national rules tell apart: MSBFS 2020:6 and 2020:7 bind
 * Swedish state agencies, not municipalities or regions.
 */
export const ORGANISATION_TYPES = ['state-agency', 'municipality', 'region', 'other'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** The country an allowed region's data centres are in (ISO 3166-1 alpha-2), as AWS names each region's location. */
export const REGION_COUNTRIES: Readonly<Record<EuRegion, string>> = {
  'eu-north-1': 'SE', // Stockholm
  'eu-west-1': 'IE', // Ireland
  'eu-west-3': 'FR', // Paris
  'eu-central-1': 'DE', // Frankfurt
  'eu-south-1': 'IT', // Milan
  'eu-south-2': 'ES', // Spain (Aragón)
  'eusc-de-east-1': 'DE', // Brandenburg
};

/** The countries REGION_COUNTRIES names: each report language words every one (the catalogue test holds it). */
export const REGION_COUNTRY_CODES = ['SE', 'IE', 'FR', 'DE', 'IT', 'ES'] as const;
