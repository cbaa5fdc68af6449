import type { Resource } from '@medplum/fhirtypes';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ApiWorld, Person } from './api-world.ts';

/** What a finished bulk export's status answer holds (docs/bulk-export.md). */
export interface Manifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: boolean;
  output: { type: string; url: string; count: number }[];
  error: { type: string; url: string; count: number }[];
}

export const ASYNC = { prefer: 'respond-async', accept: 'application/fhir+json' };

/** A Bulk Data client of a test world's API: kick-off, status polls and downloads. */
export function bulkExportClient(world: ApiWorld) {
  const as = (person: Person | undefined, method: 'GET' | 'DELETE', url: string, headers = {}) =>
    world.app.inject({
      method,
      url,
      headers: { ...headers, ...(person ? { authorization: `Bearer ${person.token}` } : {}) },
    });
  const path = (url: string) => new URL(url).pathname + new URL(url).search;

  async function kickOff(
    person: Person,
    url = '/fhir/R4/$export',
    headers: Record<string, string> = ASYNC,
  ): Promise<string> {
    const response = await as(person, 'GET', url, headers);
    expect(response.statusCode, response.body).toBe(202);
    return response.headers['content-location'] as string;
  }

  /** Polls the status URL until it is no longer 202; returns every answer. */
  async function poll(person: Person, statusUrl: string): Promise<LightMyRequestResponse[]> {
    const answers: LightMyRequestResponse[] = [];
    for (;;) {
      const response = await as(person, 'GET', path(statusUrl));
      answers.push(response);
      if (response.statusCode !== 202) return answers;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The resources of each file listed (the output's, or the error file's), by type. */
  async function download(person: Person, files: Manifest['output']): Promise<Map<string, Resource[]>> {
    const byType = new Map<string, Resource[]>();
    for (const file of files) {
      const response = await as(person, 'GET', path(file.url));
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/fhir+ndjson');
      const lines = response.body.split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(file.count);
      byType.set(
        file.type,
        lines.map((l) => JSON.parse(l) as Resource),
      );
    }
    return byType;
  }

  /** Kicks off, waits for the manifest (status 200) and downloads the output. */
  async function exportAll(person: Person, url?: string, headers?: Record<string, string>) {
    const answer = (await poll(person, await kickOff(person, url, headers))).at(-1);
    expect(answer?.statusCode, answer?.body).toBe(200);
    const manifest = answer?.json() as Manifest;
    return { manifest, files: await download(person, manifest.output) };
  }

  return { as, path, kickOff, poll, download, exportAll };
}
