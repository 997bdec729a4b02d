/**
 * Splits an mbox stream into messages as chunks arrive, so a mailbox of any size is read with
 * memory bounded by its largest message. A message starts at a line beginning "From " (the
 * envelope line, dropped); body lines escaped as ">From " (mboxrd) lose one ">". Bytes are carried
 * as latin1 so any charset reaches the MIME parser untouched.
 */
export class MboxSplitter {
  private pending = '';
  private scanFrom = 0;
  private count = 0;

  /** Feeds a chunk; returns the messages it completed. */
  push(chunk: Buffer): { raw: Buffer; index: number }[] {
    this.pending += chunk.toString('latin1');
    const out: { raw: Buffer; index: number }[] = [];
    let start = 0;
    for (;;) {
      const at = this.pending.indexOf('\nFrom ', Math.max(this.scanFrom, start));
      if (at < 0) break;
      this.emit(this.pending.slice(start, at + 1), out);
      start = at + 1;
    }
    this.pending = this.pending.slice(start);
    // Re-scan the last few characters next time: "\nFrom " may straddle two chunks.
    this.scanFrom = Math.max(0, this.pending.length - 5);
    return out;
  }

  /** Ends the stream; returns the last message. */
  end(): { raw: Buffer; index: number }[] {
    const out: { raw: Buffer; index: number }[] = [];
    this.emit(this.pending, out);
    this.pending = '';
    return out;
  }

  private emit(text: string, out: { raw: Buffer; index: number }[]): void {
    if (text.trim() === '') return;
    let body = text;
    if (body.startsWith('From ')) {
      const nl = body.indexOf('\n');
      body = nl < 0 ? '' : body.slice(nl + 1);
    }
    if (body.includes('>From ')) body = body.replace(/^>(>*From )/gm, '$1');
    this.count++;
    out.push({ raw: Buffer.from(body, 'latin1'), index: this.count });
  }
}
