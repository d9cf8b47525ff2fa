import type { Position } from "../../catalog/model";

/**
 * A span of source text; `end` is exclusive. The parser's ranges are {@link Span}s, which compute
 * their positions when read; ranges made elsewhere (diagnostics about whole files, plan JSON) are
 * plain objects. Either way `start` and `end` read the same, and `JSON.stringify` writes both.
 */
export interface Range {
    readonly start: Position;
    readonly end: Position;
}

/** Turns UTF-16 indexes into positions; implemented by {@link SourceText} and by JSON string windows. */
export interface PositionSource {
    position(index: number): Position;
    /** The text that indexes finally refer to (a JSON string window maps into its file). */
    readonly root: SourceText;
    /** `index` as an index of {@link root}. */
    rootIndex(index: number): number;
}

/**
 * A range of a parsed file kept as two indexes into its text: one small object instead of a range
 * and two positions. Most ranges of a syntax tree are never read (only those of findings and
 * diagnostics are), so line, column and byte offset are worked out on demand.
 *
 * A span is also the catalog location of its range (`kind` "file", `file`), so that locating an
 * evaluated value allocates nothing; `fileLocation` hands spans out as locations and
 * `plainLocation` turns them into plain data.
 */
export class Span implements Range {
    constructor(
        readonly text: SourceText,
        readonly from: number,
        readonly to: number,
    ) {}

    get kind(): "file" {
        return "file";
    }

    get file(): string {
        return this.text.file;
    }

    get start(): Position {
        return this.text.position(this.from);
    }

    get end(): Position {
        return this.text.position(this.to);
    }

    toJSON(): { start: Position; end: Position } {
        return { start: this.start, end: this.end };
    }
}

/** The range from the start of `a` to the end of `b`. */
export function join(a: Range, b: Range): Range {
    if (a instanceof Span && b instanceof Span && a.text === b.text) return new Span(a.text, a.from, b.to);
    return { start: a.start, end: b.end };
}

/** A range with plain positions (for data that leaves the scanner or crosses threads). */
export function plainRange(r: Range): Range {
    return r instanceof Span ? { start: r.start, end: r.end } : r;
}

/**
 * Converts UTF-16 string indexes into {@link Position}s with UTF-8 byte offsets and code-point
 * columns, as hashicorp/hcl reports them.
 *
 * ASCII files (the common case) map index to offset directly. Other files keep a cursor so that the
 * mostly-increasing sequence of lookups made by a parser costs amortised O(1) each.
 */
export class SourceText implements PositionSource {
    readonly text: string;
    /** The file the text was read from, as locations name it ("" when it has none). */
    readonly file: string;
    get root(): SourceText {
        return this;
    }
    /** UTF-16 index where each line starts. */
    private lineStarts: Int32Array;
    private lineCount: number;
    private readonly ascii: boolean;
    /** UTF-8 byte offset of each line start; only for non-ASCII text. */
    private lineBytes: Float64Array | undefined;
    private lastLine = 0;
    private cursorIndex = -1;
    private cursorByte = 0;
    private cursorColumn = 0;
    private cursorLine = -1;

    constructor(text: string, file = "") {
        this.text = text;
        this.file = file;
        // eslint-disable-next-line no-control-regex
        this.ascii = !/[^\x00-\x7f]/.test(text);
        let starts = new Int32Array(Math.max(16, (text.length >> 5) + 16));
        let n = 1;
        // A byte order mark is not part of the first line's columns (its bytes still count in offsets).
        const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
        starts[0] = bom;
        let from = 0;
        for (;;) {
            const i = text.indexOf("\n", from);
            if (i < 0) break;
            if (n === starts.length) {
                const grown = new Int32Array(starts.length * 2);
                grown.set(starts);
                starts = grown;
            }
            starts[n++] = i + 1;
            from = i + 1;
        }
        this.lineStarts = starts;
        this.lineCount = n;
        if (!this.ascii) {
            const bytes = new Float64Array(n);
            bytes[0] = bom * 3;
            let byte = bytes[0];
            for (let line = 1; line < n; line++) {
                byte += utf8Length(text, line === 1 ? starts[0] : starts[line - 1], starts[line]);
                bytes[line] = byte;
            }
            this.lineBytes = bytes;
        }
    }

    /** The 0-based line holding `index`. */
    private lineOf(index: number): number {
        const starts = this.lineStarts;
        let line = this.lastLine;
        if (starts[line] <= index && (line + 1 >= this.lineCount || starts[line + 1] > index)) return line;
        if (line + 1 < this.lineCount && starts[line + 1] <= index && (line + 2 >= this.lineCount || starts[line + 2] > index)) {
            this.lastLine = line + 1;
            return line + 1;
        }
        let lo = 0;
        let hi = this.lineCount - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= index) lo = mid;
            else hi = mid - 1;
        }
        this.lastLine = lo;
        return lo;
    }

    position(index: number): Position {
        if (index < 0) index = 0;
        if (index > this.text.length) index = this.text.length;
        const line = this.lineOf(index);
        const lineStart = this.lineStarts[line];
        if (index < lineStart) return { line: 1, column: 1, offset: 0 };
        if (this.ascii) return { line: line + 1, column: index - lineStart + 1, offset: index };
        let from = lineStart;
        let byte = this.lineBytes![line];
        let column = 1;
        if (this.cursorLine === line && this.cursorIndex <= index) {
            from = this.cursorIndex;
            byte = this.cursorByte;
            column = this.cursorColumn;
        }
        const text = this.text;
        for (let i = from; i < index; i++) {
            const c = text.charCodeAt(i);
            if (c < 0x80) byte += 1;
            else if (c < 0x800) byte += 2;
            else if (c >= 0xd800 && c <= 0xdbff && i + 1 < index) {
                byte += 4;
                i++;
            } else byte += 3;
            column++;
        }
        this.cursorLine = line;
        this.cursorIndex = index;
        this.cursorByte = byte;
        this.cursorColumn = column;
        return { line: line + 1, column, offset: byte };
    }

    rootIndex(index: number): number {
        return index;
    }

    /** The range [from, to) of this text. */
    span(from: number, to: number): Span {
        return new Span(this, from, to);
    }

    /** 1-based code-point column of `index`, cheaper than a full position for ASCII text. */
    column(index: number): number {
        if (this.ascii) return index - this.lineStarts[this.lineOf(index)] + 1;
        return this.position(index).column;
    }
}

/** Number of UTF-8 bytes encoding `text[from, to)`. */
export function utf8Length(text: string, from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80) n += 1;
        else if (c < 0x800) n += 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
            n += 4;
            i++;
        } else n += 3;
    }
    return n;
}
