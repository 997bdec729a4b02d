/**
 * pnpm bench:ingest: `rapport import --dry-run` on a generated mbox and a generated CSV, as an
 * operator runs it (the real CLI in its own process). Prints messages per second and the
 * process's peak RSS for two sizes of each input (memory that stays flat as the input grows is
 * what streaming buys), then a JSON line with every figure.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const TARGET_PER_CORE = 5_000;

const sentences = [
  'I ordered the blue kettle last week and it still has not arrived.',
  'Could you check the tracking for me, please?',
  'Sorry for the wait. The parcel is at the depot and will be delivered tomorrow.',
  'Thank you for your patience; I have added a voucher to your account.',
  'The invoice shows a double charge for March.',
  'Hej, jeg har ikke modtaget min ordre endnu.',
];
const body = (i: number, n: number) =>
  Array.from({ length: n }, (_, k) => sentences[(i + k) % sentences.length]).join(' ');

/** Threads of three messages: the customer asks, the desk replies (In-Reply-To), the customer thanks. */
async function writeMbox(path: string, threads: number): Promise<number> {
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  const base = Date.parse('2026-02-01T08:00:00Z');
  for (let t = 0; t < threads; t++) {
    const at = (k: number) => new Date(base + t * 60_000 + k * 600_000).toUTCString();
    const root = `<t${t}@customer.example>`;
    const customer = `customer${t % 5000}@customer.example`;
    const agent = `agent${t % 40}@help.example`;
    const msgs = [
      {
        from: customer,
        to: 'support@help.example',
        id: root,
        subject: `Order ${t}`,
        text: body(t, 3),
        refs: '',
      },
      {
        from: agent,
        to: customer,
        id: `<r${t}@help.example>`,
        subject: `Re: Order ${t}`,
        text: body(t + 2, 2),
        refs: root,
      },
      {
        from: customer,
        to: agent,
        id: `<c${t}@customer.example>`,
        subject: `Re: Order ${t}`,
        text: 'Thanks, that helps.',
        refs: `${root} <r${t}@help.example>`,
      },
    ];
    for (const [k, m] of msgs.entries()) {
      await write(
        `From ${m.from} ${at(k)}\nFrom: ${m.from}\nTo: ${m.to}\nSubject: ${m.subject}\nDate: ${at(k)}\nMessage-ID: ${m.id}\n` +
          (m.refs ? `In-Reply-To: ${m.refs.split(' ').at(-1)}\nReferences: ${m.refs}\n` : '') +
          `Content-Type: text/plain; charset=utf-8\n\n${m.text}\n\n`,
      );
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
  return threads * 3;
}

/** Conversations of five chat rows. */
function writeCsv(path: string, conversations: number): number {
  const lines = ['conversation_id,channel,role,sent_at,text,agent_id,team_id,customer_id'];
  const base = Date.parse('2026-02-01T08:00:00Z');
  for (let c = 0; c < conversations; c++) {
    for (let k = 0; k < 5; k++) {
      const role = k % 2 === 0 ? 'customer' : 'agent';
      const at = new Date(base + c * 60_000 + k * 30_000).toISOString();
      lines.push(
        `c${c},chat,${role},${at},"${body(c + k, 2)}",${role === 'agent' ? `a${c % 40}` : ''},team-${c % 4},crm-${c % 9000}`,
      );
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return conversations * 5;
}

/** Peak resident memory of a process (VmHWM), sampled until it exits. */
function peakRss(pid: number): { stop: () => void; peakMb: () => number } {
  let peak = 0;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      /* the process has exited */
    }
  };
  const timer = setInterval(sample, 50);
  return { stop: () => (sample(), clearInterval(timer)), peakMb: () => Math.round(peak) };
}

/**
 * V8 grows its heap lazily when it may, so an uncapped RSS says little about what is kept alive.
 * Each mailbox is therefore also read under a fixed heap cap: the largest completing under the
 * same cap as the smallest, with about the same RSS, is what flat memory means.
 */
const HEAP_CAP_MB = 160;

async function measure(
  format: 'mbox' | 'csv',
  file: string,
  expectedMessages: number,
  startupSeconds = 0,
  heapCapMb?: number,
) {
  let probe: ReturnType<typeof peakRss> | undefined;
  const started = process.hrtime.bigint();
  const r = await runCli(
    ['import', '--format', format, '--tenant', 'bench', '--agent-domains', 'help.example', '--dry-run', file],
    { LOG_LEVEL: 'warn', ...(heapCapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapCapMb}` } : {}) },
    (pid) => {
      probe = peakRss(pid);
      return () => probe!.stop();
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
    messages: number;
    invalid: number;
    interactions: number;
  };
  if (summary.messages !== expectedMessages || summary.invalid !== 0)
    throw new Error(
      `${format}: expected ${expectedMessages} messages and none invalid, got ${JSON.stringify(summary)}\n${r.stderr.slice(-2000)}`,
    );
  const result = {
    format,
    heapCapMb: heapCapMb ?? null,
    megabytes: Math.round(statSync(file).size / 1e5) / 10,
    messages: summary.messages,
    interactions: summary.interactions,
    seconds: Math.round(seconds * 100) / 100,
    messagesPerSecond: Math.round(summary.messages / seconds),
    // The CLI's start-up (tsx compiling the sources) is the same for any input: without it, the import's own rate.
    messagesPerSecondAfterStartup: Math.round(summary.messages / Math.max(0.001, seconds - startupSeconds)),
    peakRssMb: probe?.peakMb() ?? 0,
  };
  console.log(
    `${format.padEnd(4)} ${heapCapMb ? `(heap cap ${heapCapMb} MB) ` : ''}${String(result.megabytes).padStart(7)} MB ${String(result.messages).padStart(8)} messages ${result.seconds.toFixed(2).padStart(7)} s ${String(result.messagesPerSecond).padStart(7)} msg/s (${result.messagesPerSecondAfterStartup} after start-up)  peak RSS ${result.peakRssMb} MB`,
  );
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-ingest-'));
try {
  const scale = Number(process.env.BENCH_INGEST_SCALE ?? 1);
  const tiny = join(dir, 'tiny.csv');
  const startup = (await measure('csv', tiny, writeCsv(tiny, 1))).seconds;
  console.log(`start-up of the CLI (one conversation): ${startup} s`);
  const runs: Awaited<ReturnType<typeof measure>>[] = [];
  for (const threads of [10_000 * scale, 40_000 * scale]) {
    const file = join(dir, `support-${threads}.mbox`);
    const messages = await writeMbox(file, threads);
    runs.push(await measure('mbox', file, messages, startup));
    runs.push(await measure('mbox', file, messages, startup, HEAP_CAP_MB));
  }
  for (const conversations of [20_000 * scale, 80_000 * scale]) {
    const file = join(dir, `messages-${conversations}.csv`);
    runs.push(await measure('csv', file, writeCsv(file, conversations), startup));
  }
  // The import runs on one thread (start-up included in the time), so its rate is the rate per core.
  const largest = (f: string) => runs.filter((r) => r.format === f && r.heapCapMb === null).at(-1)!;
  const capped = runs.filter((r) => r.heapCapMb !== null);
  console.log(
    JSON.stringify({
      bench: 'ingest',
      targetMessagesPerSecondPerCore: TARGET_PER_CORE,
      startupSeconds: startup,
      mboxMessagesPerSecond: largest('mbox').messagesPerSecondAfterStartup,
      csvMessagesPerSecond: largest('csv').messagesPerSecondAfterStartup,
      mboxPeakRssMbUnderHeapCap: capped.map((r) => ({ megabytes: r.megabytes, peakRssMb: r.peakRssMb })),
      runs,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
