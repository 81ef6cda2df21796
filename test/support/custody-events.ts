import type { IsCompleteRequest, OnEventRequest, OnEventResponse } from '../../lambda/hsm-custody/index';
import { logger } from '../../lambda/hsm-custody/index';

/*
 * CloudFormation's requests to the key-custody handler, as the Provider framework makes
 * them, for the handler's state-machine tests; and its log, captured at debug level, for
 * the tests that no secret is ever written.
 */

/** An onEvent request for a resource of `ResourceType`, declared with `ResourceProperties`. */
export const request = (
  ResourceType: string,
  RequestType: OnEventRequest['RequestType'],
  ResourceProperties: object,
  extra: Partial<IsCompleteRequest> = {},
): OnEventRequest => ({
  RequestType,
  ResourceType,
  LogicalResourceId: 'Resource',
  ResourceProperties: ResourceProperties as Record<string, string>,
  ...extra,
});

/** The isComplete request that follows `event`, given onEvent's answer. */
export const poll = (event: OnEventRequest, answer: OnEventResponse): IsCompleteRequest => ({
  ...event,
  PhysicalResourceId: answer.PhysicalResourceId,
  Data: answer.Data,
});

/** Runs `work` with the handler logging at debug level; returns everything it wrote. */
export async function capturedLog(work: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  logger.setLogLevel('DEBUG');
  try {
    await work();
  } finally {
    spy.mockRestore();
    logger.setLogLevel('SILENT');
  }
  return written.join('');
}
