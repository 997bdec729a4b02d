/**
 * Progress on stderr: a redrawn line on a terminal, a line every few seconds otherwise (CI logs),
 * so long work always shows that it is moving and how far it has come.
 */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly tty = process.stderr.isTTY;

  constructor(
    private readonly label: string,
    private readonly total: number | undefined,
  ) {}

  tick(n = 1): void {
    this.done += n;
    const now = Date.now();
    if (now - this.lastDraw >= (this.tty ? 100 : 5_000)) {
      this.lastDraw = now;
      this.draw(false);
    }
  }

  finish(): void {
    this.draw(true);
  }

  private draw(final: boolean): void {
    const secs = (Date.now() - this.started) / 1000;
    const rate = secs > 0 ? Math.round(this.done / secs) : 0;
    const of = this.total ? `/${this.total} (${Math.floor((100 * this.done) / this.total)}%)` : '';
    let bar = '';
    if (this.total) {
      const width = 24;
      const filled = Math.min(width, Math.round((width * this.done) / this.total));
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] `;
    }
    const line = `${this.label} ${bar}${this.done}${of} ${rate}/s ${secs.toFixed(1)}s`;
    if (this.tty) process.stderr.write(`\r${line}${final ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  }
}
