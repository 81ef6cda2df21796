import { RegionInfo } from 'aws-cdk-lib/region-info';
import { EU_REGIONS, isEuRegion, partitionOf, viaServiceName } from '../lib/regions';

describe('the EU region list', () => {
  test('holds EU member-state regions and the European Sovereign Cloud, nothing else', () => {
    expect([...EU_REGIONS].sort()).toEqual(['eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-3', 'eusc-de-east-1']);
  });

  test.each(['eu-west-2', 'eu-central-2', 'us-east-1', 'il-central-1', 'me-central-1'])('%s is not in it', (region) => {
    expect(isEuRegion(region)).toBe(false);
  });

  test('every listed region is known to aws-cdk-lib region-info', () => {
    for (const region of EU_REGIONS) expect(RegionInfo.get(region).partition).toBeDefined();
  });

  test('the sovereign cloud is its own partition with its own endpoint suffix', () => {
    expect(partitionOf('eusc-de-east-1')).toBe('aws-eusc');
    expect(viaServiceName('s3', 'eusc-de-east-1')).toBe('s3.eusc-de-east-1.amazonaws.eu');
    expect(viaServiceName('s3', 'eu-north-1')).toBe('s3.eu-north-1.amazonaws.com');
  });
});

test('the CDK-free partition table of packages/core/contracts/regions.ts agrees with aws-cdk-lib region-info for every EU region', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EU_REGION_PARTITIONS } = require('@suveren/core/contracts/regions') as typeof import('@suveren/core/contracts/regions');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RegionInfo } = require('aws-cdk-lib/region-info') as typeof import('aws-cdk-lib/region-info');
  for (const [region, partition] of Object.entries(EU_REGION_PARTITIONS))
    expect({ region, partition }).toEqual({ region, partition: RegionInfo.get(region).partition });
});
