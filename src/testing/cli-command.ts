import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: CLI spawns run there, as `npx revloop` does. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The node arguments that run `revloop`, before the command's own: the built CLI (bin/revloop.js)
 * when every source it compiles from is older than its output, `tsx src/cli/main.ts` otherwise.
 * tsx compiles the whole app on each spawn (10-15 s of a loaded machine per command); CI and
 * `npm install` build first, so there the built one runs and a test still sees the code under
 * review. A stale build is never run: a test of a change made since the last build would
 * otherwise pass or fail on the old code. Building here instead would cost more than it saves
 * (tsc over the server takes half a minute of CPU), so a stale tree simply pays the tsx price.
 */
export function cliCommand(): string[] {
  built ??= buildIsFresh();
  return built ? [join(repoRoot, 'bin/revloop.js')] : ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts')];
}

let built: boolean | undefined;

/**
 * Compared file by file, not against one output's date: tsc's incremental build rewrites only the
 * outputs of the sources that changed, so dist/src/cli/main.js may rightly be older than a source.
 */
function buildIsFresh(): boolean {
  const src = join(repoRoot, 'src');
  const dist = join(repoRoot, 'dist');
  const info = join(dist, '.tsbuildinfo');
  if (!existsSync(info)) return false;
  for (const config of ['tsconfig.json', 'tsconfig.build.json']) {
    if (statSync(join(repoRoot, config)).mtimeMs > statSync(info).mtimeMs) return false;
  }
  const stale = (dir: string): boolean => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        // tsconfig.build.json leaves test helpers out of the build; they always run from source.
        if (p !== join(src, 'testing') && stale(p)) return true;
        continue;
      }
      if (!e.name.endsWith('.ts') || e.name.endsWith('.test.ts') || e.name.endsWith('.d.ts')) continue;
      const out = join(dist, 'src', relative(src, p)).replace(/\.ts$/, '.js');
      if (!existsSync(out) || statSync(out).mtimeMs < statSync(p).mtimeMs) return true;
    }
    return false;
  };
  return !stale(src);
}
