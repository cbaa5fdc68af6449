import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { ConditionInput } from '../record/condition.ts';
import { codeForSite, lookupIcd10Code } from './icd10cm.ts';

/** The code, title, site and side to store, checked through the clinic's ICD-10-CM table. */
export function codeCondition(input: ConditionInput): {
  code: string;
  title: string;
  site: string | null;
  side: string | null;
} {
  if (input.icd10Code !== undefined) {
    const found = lookupIcd10Code(input.icd10Code);
    if (!found.billable) {
      throw new InvalidInputError(found.message ?? `${found.code} is a header and is not billable`);
    }
    if (input.site !== undefined && found.site !== undefined && input.site !== found.site) {
      throw new InvalidInputError(`${found.code} codes the ${found.site}, not the ${input.site}`);
    }
    if (input.side !== undefined && found.side !== undefined && input.side !== found.side) {
      throw new InvalidInputError(`${found.code} codes the ${found.side} side, not the ${input.side}`);
    }
    return {
      code: found.code,
      title: found.title,
      site: input.site ?? found.site ?? null,
      side: input.side ?? found.side ?? null,
    };
  }
  if (input.site !== undefined && input.side !== undefined) {
    const coded = codeForSite(input.site, input.side);
    return { code: coded.code, title: coded.title, site: coded.site, side: input.side };
  }
  throw new InvalidInputError('a condition needs icd10Code, or site and side to code it from');
}
