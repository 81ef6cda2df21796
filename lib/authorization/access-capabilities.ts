import { INSPECTION_VERDICTS, OBJECT_PREFIX } from '@suveren/core/contracts/upload-layout';
import { type Text, text } from '../i18n/translate';

/*
 * The access matrix's vocabulary, apart from its computation so that the report's
 * renderers need no CDK or evaluator code.
 */

export const ACCESS_CAPABILITIES = ['write', 'read', 'list-versions', 'decrypt', 'delete', 'reconfigure'] as const;
export type AccessCapability = (typeof ACCESS_CAPABILITIES)[number];

/** What each capability is evaluated as, for the report's legend (worded by the evidence catalogues). */
export const CAPABILITY_MEANING: Record<AccessCapability, Text> = {
  write: text('capability.write.meaning', { prefix: OBJECT_PREFIX, tag: INSPECTION_VERDICTS.pending }),
  read: text('capability.read.meaning'),
  'list-versions': text('capability.list-versions.meaning', { prefix: OBJECT_PREFIX }),
  decrypt: text('capability.decrypt.meaning'),
  delete: text('capability.delete.meaning'),
  reconfigure: text('capability.reconfigure.meaning'),
};

export interface AccessCell {
  readonly allowed: boolean;
  /** The statement that decided it: the first denying one, or the allowing one. */
  readonly decidedBy: string;
}

export interface AccessMatrixRow {
  /** What the principal is, in words ("tenant role suveren-x-reader", "tenant account administrator"): a sentence of the evidence catalogues. */
  readonly label: Text;
  readonly principal: string;
  readonly cells: Readonly<Record<AccessCapability, AccessCell>>;
}
