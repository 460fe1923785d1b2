// A progress line on stderr for batches, only when stderr is a terminal (never in pipes or CI logs).
export class Progress {
  private count = 0;
  private errors = 0;
  private last = 0;
  private readonly tty = process.stderr.isTTY === true;
  constructor(private readonly label: string) {}

  tick(ok: boolean): void {
    if (ok) this.count++;
    else this.errors++;
    const now = Date.now();
    if (!this.tty || now - this.last < 100) return;
    this.last = now;
    process.stderr.write(`\r${this.label}: ${this.count} documents, ${this.errors} errors`);
  }

  done(): void {
    if (this.tty) process.stderr.write(`\r${" ".repeat(60)}\r`);
  }
}
