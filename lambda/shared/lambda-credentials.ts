import { fromEnv } from '@aws-sdk/credential-provider-env';

/*
 * Stands in for @aws-sdk/credential-provider-node inside the Lambda bundles only (see
 * bundleFunctionType). In Lambda the runtime always hands the function's role
 * credentials over in environment variables, so the default chain's SSO, profile,
 * process and web-identity providers are dead weight (about 120 KB of the bundle).
 */
export const defaultProvider: typeof import('@aws-sdk/credential-provider-node').defaultProvider = () => fromEnv();

/** The same export the default chain offers; environment credentials are never treated as expired here. */
export const credentialsTreatedAsExpired = (): boolean => false;
