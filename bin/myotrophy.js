#!/usr/bin/env node
// Runs the command from its ahead-of-time build in dist/cli (see scripts/build-cli.js), made by
// `npm install`; a missing build, or one older than a file this run would load, is built first.
// This file is CommonJS (bin/package.json), like the build, so a run needs no ES module loader.
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const argv = process.argv.slice(2);

/**
 * The current build's main module; undefined when there is none, or when a source of the code this
 * run loads (main, and the command named, or every command if the name is not a command's file)
 * has changed since it was built.
 */
function currentBuild() {
  try {
    const build = JSON.parse(readFileSync(join(root, 'dist/cli/build.json'), 'utf8'));
    const command = Object.hasOwn(build.commands, argv[0] ?? '') ? build.commands[argv[0]] : undefined;
    const files = command ? [...build.startup, ...command] : Object.keys(build.mtimes);
    for (const file of files) {
      if (statSync(join(root, file)).mtimeMs !== build.mtimes[file]) return undefined;
    }
    return build.main;
  } catch {
    return undefined;
  }
}

async function run() {
  const main = currentBuild() ?? (await (await import('../scripts/build-cli.js')).buildCli());
  process.exitCode = await require(join(root, main)).main(argv);
}

run();
