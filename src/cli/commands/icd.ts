import {
  BODY_SITES,
  codeForSite,
  lookupIcd10Code,
  SIDES,
  siteHasLaterality,
} from '../../clinic/coding/icd10cm.ts';
import { type Command, declareOptions } from '../command.ts';
import { choice, UsageError } from '../options.ts';

export const icdCommand: Command = {
  name: 'icd',
  summary:
    'ICD-10-CM coding of muscle atrophy: body site and side to an M62.5- code, or a code to its title.',
  usage: [
    `icd --site SITE --side SIDE [--json]   (SITE: ${BODY_SITES.join(', ')}; SIDE: ${SIDES.join(', ')})`,
    'icd CODE [--json]                      (e.g. M62.562)',
  ],
  options: declareOptions(['site', 'side']),
  maxPositionals: 1,
  run(values, positionals) {
    const [code] = positionals;
    if (code !== undefined) {
      if (values.site !== undefined || values.side !== undefined) {
        throw new UsageError('give either a CODE or --site and --side, not both');
      }
      const found = lookupIcd10Code(code);
      const where = found.site ? ` (site ${found.site}${found.side ? `, side ${found.side}` : ''})` : '';
      const text = [
        `${found.code} ${found.title}${where}`,
        found.billable ? 'billable' : (found.message ?? 'not billable'),
        ...(found.notes ?? []),
      ].join('\n');
      return { json: found, text };
    }
    if (values.site === undefined && values.side === undefined) {
      throw new UsageError('give a CODE, or --site SITE and --side SIDE');
    }
    const site = choice(values, 'site', BODY_SITES);
    // A lateral site needs its side stated; 'unspecified' must be said, not assumed.
    const side = siteHasLaterality(site)
      ? choice(values, 'side', SIDES)
      : choice(values, 'side', SIDES, 'unspecified');
    const coded = codeForSite(site, side);
    const text = [`${coded.code} ${coded.title}`, coded.billable ? 'billable' : 'not billable'];
    if (coded.note) text.push(coded.note);
    return { json: coded, text: text.join('\n') };
  },
};
