/**
 * Accumulates text from many small pieces. `+=` would build a V8 rope with one
 * node per piece, and those nodes survive (and are promoted by) every
 * young-generation GC of a long stream; an array of pieces joined on demand
 * costs one slot per piece, and joining replaces the pieces with the result so
 * repeated reads (a snapshot per frame) stay linear.
 */
export class TextBuffer {
  private pieces: string[] = [];
  private joined = "";

  push(text: string): void {
    if (text !== "") this.pieces.push(text);
  }

  /** Whether no text arrived. */
  get empty(): boolean {
    return this.joined === "" && this.pieces.length === 0;
  }

  text(): string {
    if (this.pieces.length > 0) {
      this.joined += this.pieces.join("");
      this.pieces = [];
    }
    return this.joined;
  }
}
