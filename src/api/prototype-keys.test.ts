import { describe, expect, it } from 'vitest';
import { allowedNamesAt, prototypeKeyAt, prototypeKeyDetail } from './prototype-keys.ts';

const schema = {
  type: 'object',
  properties: {
    screenedAt: { type: 'string' },
    answers: { type: 'object', propertyNames: { enum: ['epilepsy', 'demandPacemaker'] } },
    channels: {
      type: 'array',
      items: { type: 'object', properties: { site: { type: 'string' }, side: { type: 'string' } } },
    },
    notes: { type: 'object' },
  },
};

describe('prototype keys in a JSON body', () => {
  it('finds __proto__ at any depth, and constructor only when it holds prototype', () => {
    expect(prototypeKeyAt(JSON.parse('{"__proto__":{"x":1}}'))).toEqual({
      path: 'body',
      segments: [],
      key: '__proto__',
    });
    expect(prototypeKeyAt(JSON.parse('{"channels":[{"site":"a"},{"__proto__":1}]}'))).toEqual({
      path: 'body.channels[1]',
      segments: ['channels', 1],
      key: '__proto__',
    });
    expect(prototypeKeyAt(JSON.parse('{"answers":{"constructor":{"prototype":{}}}}'))).toEqual({
      path: 'body.answers',
      segments: ['answers'],
      key: 'constructor',
    });
    expect(prototypeKeyAt(JSON.parse('{"answers":{"constructor":true}}'))).toBeNull();
    expect(prototypeKeyAt({ a: [1, 'x', null] })).toBeNull();
  });

  it("reads the names the route's schema allows where the key sits", () => {
    expect(allowedNamesAt(schema, [])).toEqual(['screenedAt', 'answers', 'channels', 'notes']);
    expect(allowedNamesAt(schema, ['answers'])).toEqual(['epilepsy', 'demandPacemaker']);
    expect(allowedNamesAt(schema, ['channels', 0])).toEqual(['site', 'side']);
    expect(allowedNamesAt(schema, ['notes'])).toBeNull();
    expect(allowedNamesAt(undefined, [])).toBeNull();
  });

  it('names the key, where it is, and what is allowed there', () => {
    expect(prototypeKeyDetail('{"answers":{"__proto__":true}}', schema)).toBe(
      "body.answers has the key '__proto__', which could change an object's prototype and is refused; allowed there: epilepsy, demandPacemaker",
    );
    expect(prototypeKeyDetail('{"constructor":{"prototype":{"x":1}}}', schema)).toBe(
      "body has a key 'constructor' holding 'prototype', which could change an object's prototype and is refused; allowed there: screenedAt, answers, channels, notes",
    );
    expect(prototypeKeyDetail('{"notes":{"__proto__":1}}', schema)).toMatch(
      /^body\.notes has the key '__proto__'.*use any other property name/,
    );
    expect(prototypeKeyDetail('{"a":', schema)).toBeNull();
    expect(prototypeKeyDetail('{"a":1}', schema)).toBeNull();
  });
});
