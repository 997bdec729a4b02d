import { spawn } from 'node:child_process';
import { root } from '../vitest.shared.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The real CLI (`pnpm rapport ...`), as an operator runs it, with `env` over this process's.
 * `watch` is told the process id once it runs and its returned function is called at exit (to
 * sample the process meanwhile, e.g. its memory).
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  watch?: (pid: number) => () => void,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@rapport/source', '--import', 'tsx', 'services/cli/src/main.ts', ...args],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const unwatch = watch && child.pid !== undefined ? watch(child.pid) : undefined;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      unwatch?.();
      resolve({ code, stdout, stderr });
    });
  });
}
