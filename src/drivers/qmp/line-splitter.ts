// Cuts a byte stream into text lines (LF or CRLF), keeping the unfinished tail until more data comes.

export class LineSplitter {
  private tail = '';

  /** The complete lines in `chunk` (with what was left over before), without their line ends. */
  push(chunk: string): string[] {
    const parts = (this.tail + chunk).split('\n');
    this.tail = parts.pop() ?? '';
    return parts.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  }

  /** What is left when the stream ends: a last line without a line end, if any. */
  flush(): string[] {
    const rest = this.tail;
    this.tail = '';
    return rest === '' ? [] : [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
  }
}
