import { z } from 'zod';
import { DEFAULT_EVIDENCE_LANGUAGE, EVIDENCE_LANGUAGES } from '../../contracts/evidence-languages';

// The evidence report's languages: English is report.md and report.html, Swedish and Norwegian report.sv.md, report.nb.md and .html (docs/evidence.md).
export const evidenceSchema = z
    .strictObject({
      languages: z
        .array(z.enum(EVIDENCE_LANGUAGES, { error: `expected one of ${EVIDENCE_LANGUAGES.join(', ')} (English, Swedish, Norwegian bokmål)` }), {
          error: `expected a list of languages, e.g. [sv, en]`,
        })
        .min(1, `list at least one of ${EVIDENCE_LANGUAGES.join(', ')}`)
        .refine((list) => new Set(list).size === list.length, 'lists a language twice; remove the duplicate')
        .default([DEFAULT_EVIDENCE_LANGUAGE]).meta({ description: 'The evidence report\'s languages: en, sv, nb.' }),
    })
    .default({ languages: [DEFAULT_EVIDENCE_LANGUAGE] }).meta({ description: 'The evidence report (docs/evidence.md).' });
