#!/usr/bin/env node
// `npm start`: builds dist/w4r.js when it is missing or older than the sources (skipped with
// W4R_SKIP_BUILD=1), then runs the endpoint, passing SIGINT/SIGTERM on and exiting with its code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'w4r.js');

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'endpoint') newest = Math.max(newest, newestIn(path));
    } else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  if (!existsSync(bundle)) return true;
  return newestIn(join(root, 'src')) > statSync(bundle).mtimeMs;
}

if (process.env.W4R_SKIP_BUILD !== '1' && needsBuild()) {
  console.log('w4r: building dist/w4r.js …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build:bundle'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('w4r: the bundle did not build; fix the error above or set W4R_SKIP_BUILD=1.');
    process.exit(build.status ?? 1);
  }
}

// tsx found from this package, whatever the working directory.
const child = spawn(
  process.execPath,
  ['--import', import.meta.resolve('tsx'), join(root, 'src/endpoint/main.ts')],
  {
    cwd: process.cwd(),
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
