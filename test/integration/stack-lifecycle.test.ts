import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../vitest.shared.js';

const run = promisify(execFile);

// A second stack on its own ports and data directory, so the shared test stack is not disturbed.
const dataDir = mkdtempSync(join(tmpdir(), 'rapport-stack-'));
const env = {
  ...process.env,
  KAFKA_PORT: '19392',
  KAFKA_CONTROLLER_PORT: '19393',
  MONGO_PORT: '27317',
  RAPPORT_DATA: dataDir,
};
const stack = (cmd: string) =>
  run('bash', ['infra/local/stack.sh', cmd], { cwd: root, env, timeout: 180_000 });

async function processesUsing(dir: string): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid,args']);
  return stdout.split('\n').filter((l) => l.includes(dir));
}

describe('infra/local/stack.sh', () => {
  afterAll(async () => {
    await stack('down').catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('up, up, down, up, down leaves no process behind', async () => {
    const first = await stack('up');
    expect(first.stdout).toContain(
      'ready: KAFKA_BROKERS=127.0.0.1:19392 MONGODB_URI=mongodb://127.0.0.1:27317/',
    );
    const second = await stack('up');
    expect(second.stdout).toMatch(/kafka already running \(pid \d+\)/);
    expect(second.stdout).toMatch(/ferretdb already running \(pid \d+\)/);
    expect((await processesUsing(dataDir)).length).toBe(2);
    await stack('down');
    expect(await processesUsing(dataDir)).toEqual([]);
    await stack('up');
    const status = await stack('status');
    expect(status.stdout).toMatch(/kafka: running/);
    await stack('down');
    expect(await processesUsing(dataDir)).toEqual([]);
    await expect(stack('status')).rejects.toMatchObject({ code: 3 });
  });

  it('refuses to start when the Kafka port is taken, naming the port and what to do', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(19392, '127.0.0.1', resolve));
    try {
      const failure = await stack('up').then(
        () => undefined,
        (err: { code: number; stderr: string }) => err,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/port 19392 \(needed by kafka\) is already in use by node pid \d+/);
      expect(failure?.stderr).toContain('KAFKA_PORT=<port>');
      expect(await processesUsing(dataDir)).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
