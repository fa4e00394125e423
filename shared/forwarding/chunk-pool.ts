/** Rows of typed arrays handed out from large chunks, for the analyses that run at organisation scale. */

/**
 * Rows of a typed array handed out from large chunks that never move: compiled routes and check
 * results live there, outside the JavaScript heap, so the garbage collector neither scans nor
 * copies them. At 176,000 routes and 110,000 checks, per-table arrays and per-check objects were
 * most of what each scavenge had to copy.
 */
export class ChunkPool<T extends Float64Array | Int32Array> {
  /** The chunk and offset of the last reservation. */
  chunk: T;
  at = 0;
  #used = 0;

  constructor(
    private readonly make: (length: number) => T,
    private readonly chunkLength: number,
  ) {
    this.chunk = make(0);
  }

  /** Hand out the current chunk again from its start: for rows no longer read. */
  rewind(): void {
    this.#used = 0;
  }

  /** Make room for `length` numbers in one chunk; read `chunk` and `at` after. */
  reserve(length: number): void {
    if (this.#used + length > this.chunk.length) {
      this.chunk = this.make(Math.max(length, this.chunkLength));
      this.#used = 0;
    }
    this.at = this.#used;
    this.#used += length;
  }
}

// The chunk makers are made once: a new closure per call would change the call target that
// optimised code inlined into `reserve`, and V8 would throw that code away on every call.
/** Makes a chunk of 64-bit floats. */
export const makeFloat64Chunk = (n: number): Float64Array => new Float64Array(n);
/** Makes a chunk of 32-bit integers. */
export const makeInt32Chunk = (n: number): Int32Array => new Int32Array(n);
