// Builds the server (tsc) and the web app (vite) when their output is missing or older than the
// sources, so `npm install && npm start` works on a fresh clone and later starts stay fast.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

const targets = [
  { name: 'server', script: 'build:server', out: join(root, 'dist/src/cli/main.js'), src: [join(root, 'src'), join(root, 'tsconfig.json')] },
  { name: 'web app', script: 'build:web', out: join(root, 'web/dist/index.html'), src: [join(root, 'web')] },
];

for (const t of targets) {
  const srcTime = Math.max(...t.src.map((s) => (statSync(s, { throwIfNoEntry: false })?.isDirectory() ? newest(s) : mtime(s))));
  if (mtime(t.out) >= srcTime) continue;
  console.log(`Building the ${t.name}...`);
  execSync(`npm run --silent ${t.script}`, { cwd: root, stdio: 'inherit' });
}
