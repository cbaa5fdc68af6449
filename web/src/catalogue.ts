import { CATALOGUE_PATH } from '@core/shared/page-requests.ts';
import { startTransition, useEffect, useState } from 'react';
import { fetchOrTakePrefetched } from './hooks.ts';
import type { Catalogue } from './types.ts';

let cached: Promise<Catalogue> | undefined;

/** The clinic catalogue (codes, causes, questions, muscles), fetched once per page load. */
function requestCatalogue(): Promise<Catalogue> {
  if (!cached) {
    const asked = fetchOrTakePrefetched<Catalogue>(CATALOGUE_PATH);
    cached = asked;
    // A failed request (e.g. started before the login was known) is asked again by the next reader.
    asked.catch(() => {
      if (cached === asked) cached = undefined;
    });
  }
  return cached;
}

export function useCatalogue(): Catalogue | undefined {
  const [catalogue, setCatalogue] = useState<Catalogue>();
  useEffect(() => {
    // Drawn as a transition, like every answer (hooks.ts): the page it completes is drawn in slices.
    requestCatalogue()
      .then((answer) => startTransition(() => setCatalogue(answer)))
      .catch(() => undefined);
  }, []);
  return catalogue;
}
