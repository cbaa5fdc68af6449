import type { FastifyInstance } from 'fastify';
import { badRequest } from './problem.ts';

/**
 * How deeply a JSON request body may nest. Myotrophy's deepest body (a programme:
 * body.stimulation.levels[].blocks[].cycle) nests 7 levels; 32 leaves room and keeps a hostile
 * body (tens of thousands of brackets fit in 64 KiB) from overflowing the stack of the code that
 * walks or serialises it.
 */
export const MAX_BODY_DEPTH = 32;

/** The nesting depth of a parsed JSON value, walked without recursion; stops once past `limit`. */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, here]);
    }
  }
  return deepest;
}

/** Refuses, before validation, a body nested deeper than MAX_BODY_DEPTH. */
export function installBodyDepthLimit(app: FastifyInstance, maxDepth = MAX_BODY_DEPTH): void {
  app.addHook('preValidation', async (request) => {
    if (request.body === null || typeof request.body !== 'object') return;
    if (jsonDepth(request.body, maxDepth) > maxDepth) {
      throw badRequest(
        `the JSON body nests more than ${maxDepth} levels deep; at most ${maxDepth} are allowed`,
      );
    }
  });
}
