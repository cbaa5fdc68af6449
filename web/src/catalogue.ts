import { useEffect, useState } from 'react';
import { get } from './api.ts';
import type { Catalogue } from './types.ts';

let cached: Promise<Catalogue> | undefined;

/** The clinic catalogue (codes, causes, questions, muscles), fetched once per page load. */
export function useCatalogue(): Catalogue | undefined {
  const [catalogue, setCatalogue] = useState<Catalogue>();
  useEffect(() => {
    cached ??= get<Catalogue>('/api/clinic/catalogue');
    cached.then(setCatalogue).catch(() => {
      cached = undefined;
    });
  }, []);
  return catalogue;
}
