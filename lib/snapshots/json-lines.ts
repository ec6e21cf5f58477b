/** One line of a JSON Lines file: its 1-based number and its text without the newline. */
export type Line = { n: number; text: string };

/**
 * The lines of a UTF-8 byte stream, decoded strictly (a bad byte throws, naming the line it is on). A last line
 * without its newline is still a line; an empty file has none.
 */
export async function* textLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Line> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  let n = 0;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new Error(`line ${n + 1} is not valid UTF-8`);
    }
  };
  for await (const chunk of chunks) {
    const text = pending + decode(chunk);
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      yield { n: ++n, text: text.slice(start, end) };
      start = end + 1;
    }
    pending = text.slice(start);
  }
  pending += decode();
  if (pending !== "") yield { n: ++n, text: pending };
}

/** An async iterator you can look one item ahead in, to merge files written in the same order. */
export class Peekable<T> {
  private head: IteratorResult<T> | null = null;

  constructor(private readonly source: AsyncIterator<T>) {}

  async peek(): Promise<T | undefined> {
    this.head ??= await this.source.next();
    return this.head.done ? undefined : this.head.value;
  }

  async next(): Promise<T | undefined> {
    const value = await this.peek();
    this.head = null;
    return value;
  }
}
