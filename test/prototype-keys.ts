/**
 * Keys found on every plain object's prototype (and `__proto__` itself): every enumerated input,
 * over HTTP and on the command line, must refuse each as it refuses any unknown string.
 */
export const PROTOTYPE_KEYS: readonly string[] = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
];
