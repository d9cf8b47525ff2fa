import { Tok } from "./tokens";

/**
 * The tokens of one file as parallel typed arrays: cheap to build for multi-megabyte inputs.
 * `starts`/`ends` are UTF-16 indexes into the text; `match` links each bracket, quote, heredoc and
 * template-sequence opener to its closer and back (-1 when unmatched), which makes "skip to the
 * matching bracket" recovery O(1).
 */
export interface TokenBuffer {
    count: number;
    kinds: Uint8Array;
    starts: Int32Array;
    ends: Int32Array;
    match: Int32Array;
}

/** A lexer problem, in UTF-16 indexes; the parser turns it into a positioned diagnostic. */
export interface LexProblem {
    summary: string;
    detail: string;
    start: number;
    end: number;
}

/** Where lexing starts: HCL native syntax, or a bare template (a JSON string holding `${...}`). */
export type LexMode = "native" | "template";

const enum Ctx {
    Brace = 1,
    Brack,
    Paren,
    Interp,
    Quote,
    Heredoc,
    Bare,
}

/** How many stack entries a closer may look through to find its opener: keeps mismatch handling linear. */
const CLOSER_SEARCH = 16;

const ID_START = /[\p{ID_Start}]/u;
const ID_CONTINUE = /[\p{ID_Continue}]/u;

function isAsciiIdentStart(c: number): boolean {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdentPart(c: number): boolean {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

function isDigit(c: number): boolean {
    return c >= 48 && c <= 57;
}

/** Splits HCL source into tokens. Never throws; problems are returned alongside the tokens. */
export function lex(text: string, mode: LexMode = "native"): { tokens: TokenBuffer; problems: LexProblem[] } {
    const lexer = new Lexer(text);
    lexer.run(mode);
    return { tokens: lexer.buffer(), problems: lexer.problems };
}

class Lexer {
    private readonly text: string;
    private readonly n: number;
    private count = 0;
    private kinds: Uint8Array;
    private starts: Int32Array;
    private ends: Int32Array;
    private match: Int32Array;
    private stackCtx: number[] = [];
    private stackTok: number[] = [];
    private stackMarker: string[] = [];
    readonly problems: LexProblem[] = [];

    constructor(text: string) {
        this.text = text;
        this.n = text.length;
        const capacity = Math.max(64, (text.length >> 2) + 16);
        this.kinds = new Uint8Array(capacity);
        this.starts = new Int32Array(capacity);
        this.ends = new Int32Array(capacity);
        this.match = new Int32Array(capacity);
    }

    buffer(): TokenBuffer {
        return { count: this.count, kinds: this.kinds, starts: this.starts, ends: this.ends, match: this.match };
    }

    private grow(): void {
        const capacity = this.kinds.length * 2;
        const kinds = new Uint8Array(capacity);
        kinds.set(this.kinds);
        const starts = new Int32Array(capacity);
        starts.set(this.starts);
        const ends = new Int32Array(capacity);
        ends.set(this.ends);
        const match = new Int32Array(capacity);
        match.set(this.match);
        this.kinds = kinds;
        this.starts = starts;
        this.ends = ends;
        this.match = match;
    }

    private emit(kind: Tok, start: number, end: number): number {
        if (this.count === this.kinds.length) this.grow();
        const i = this.count++;
        this.kinds[i] = kind;
        this.starts[i] = start;
        this.ends[i] = end;
        this.match[i] = -1;
        return i;
    }

    private push(ctx: Ctx, tok: number, marker = ""): void {
        this.stackCtx.push(ctx);
        this.stackTok.push(tok);
        this.stackMarker.push(marker);
    }

    private pop(): void {
        this.stackCtx.pop();
        this.stackTok.pop();
        this.stackMarker.pop();
    }

    private link(opener: number, closer: number): void {
        this.match[opener] = closer;
        this.match[closer] = opener;
    }

    private problem(summary: string, detail: string, start: number, end: number): void {
        if (this.problems.length < 1000) this.problems.push({ summary, detail, start, end });
    }

    run(mode: LexMode): void {
        const text = this.text;
        const n = this.n;
        let i = 0;
        if (n > 0 && text.charCodeAt(0) === 0xfeff) i = 1;
        if (mode === "template") this.push(Ctx.Bare, -1);
        const stack = this.stackCtx;
        while (i < n) {
            const top = stack.length > 0 ? stack[stack.length - 1] : 0;
            if (top >= Ctx.Quote) {
                if (top === Ctx.Quote) i = this.scanTemplate(i, true);
                else if (top === Ctx.Heredoc) i = this.scanHeredoc(i);
                else i = this.scanTemplate(i, false);
                continue;
            }
            i = this.scanNormal(i);
        }
        for (let k = stack.length - 1; k >= 0; k--) {
            const ctx = stack[k];
            const opener = this.stackTok[k];
            if (ctx === Ctx.Quote) {
                this.problem(
                    "Unterminated template string",
                    "No closing marker was found for the string.",
                    this.starts[opener],
                    this.ends[opener],
                );
            } else if (ctx === Ctx.Heredoc) {
                this.problem(
                    "Unterminated heredoc",
                    `No closing marker "${this.stackMarker[k]}" was found for this heredoc.`,
                    this.starts[opener],
                    this.ends[opener],
                );
            }
        }
        this.emit(Tok.EOF, n, n);
    }

    /** Scans one normal-mode token (or skips whitespace / a comment) at `i`; returns the next index. */
    private scanNormal(i: number): number {
        const text = this.text;
        const n = this.n;
        const c = text.charCodeAt(i);
        switch (c) {
            case 32: // space
            case 9: // tab
                i++;
                while (i < n) {
                    const d = text.charCodeAt(i);
                    if (d !== 32 && d !== 9) break;
                    i++;
                }
                return i;
            case 10:
                this.emit(Tok.Newline, i, i + 1);
                return i + 1;
            case 13:
                if (text.charCodeAt(i + 1) === 10) {
                    this.emit(Tok.Newline, i, i + 2);
                    return i + 2;
                }
                return i + 1;
            case 35: // #
                return this.skipLineComment(i);
            case 47: {
                // /
                const d = text.charCodeAt(i + 1);
                if (d === 47) return this.skipLineComment(i);
                if (d === 42) {
                    const end = text.indexOf("*/", i + 2);
                    if (end < 0) {
                        this.problem("Unterminated comment", "There is no */ closing this comment.", i, i + 2);
                        return n;
                    }
                    return end + 2;
                }
                this.emit(Tok.Slash, i, i + 1);
                return i + 1;
            }
            case 34: {
                const t = this.emit(Tok.OQuote, i, i + 1);
                this.push(Ctx.Quote, t);
                return i + 1;
            }
            case 123: {
                const t = this.emit(Tok.OBrace, i, i + 1);
                this.push(Ctx.Brace, t);
                return i + 1;
            }
            case 91: {
                const t = this.emit(Tok.OBrack, i, i + 1);
                this.push(Ctx.Brack, t);
                return i + 1;
            }
            case 40: {
                const t = this.emit(Tok.OParen, i, i + 1);
                this.push(Ctx.Paren, t);
                return i + 1;
            }
            case 125:
                this.close(Ctx.Brace, i, i + 1, false);
                return i + 1;
            case 93:
                this.close(Ctx.Brack, i, i + 1, false);
                return i + 1;
            case 41:
                this.close(Ctx.Paren, i, i + 1, false);
                return i + 1;
            case 126: // ~
                if (text.charCodeAt(i + 1) === 125 && this.close(Ctx.Brace, i, i + 2, true)) return i + 2;
                return this.invalid(i);
            case 44:
                this.emit(Tok.Comma, i, i + 1);
                return i + 1;
            case 63:
                this.emit(Tok.Question, i, i + 1);
                return i + 1;
            case 46:
                if (text.charCodeAt(i + 1) === 46 && text.charCodeAt(i + 2) === 46) {
                    this.emit(Tok.Ellipsis, i, i + 3);
                    return i + 3;
                }
                this.emit(Tok.Dot, i, i + 1);
                return i + 1;
            case 58:
                if (text.charCodeAt(i + 1) === 58) {
                    this.emit(Tok.DoubleColon, i, i + 2);
                    return i + 2;
                }
                this.emit(Tok.Colon, i, i + 1);
                return i + 1;
            case 61: {
                const d = text.charCodeAt(i + 1);
                if (d === 61) return this.two(Tok.EqualOp, i);
                if (d === 62) return this.two(Tok.FatArrow, i);
                this.emit(Tok.Equal, i, i + 1);
                return i + 1;
            }
            case 33:
                if (text.charCodeAt(i + 1) === 61) return this.two(Tok.NotEqual, i);
                this.emit(Tok.Bang, i, i + 1);
                return i + 1;
            case 60: {
                const d = text.charCodeAt(i + 1);
                if (d === 60) return this.heredocOpener(i);
                if (d === 61) return this.two(Tok.LessEqual, i);
                this.emit(Tok.Less, i, i + 1);
                return i + 1;
            }
            case 62:
                if (text.charCodeAt(i + 1) === 61) return this.two(Tok.GreaterEqual, i);
                this.emit(Tok.Greater, i, i + 1);
                return i + 1;
            case 38:
                if (text.charCodeAt(i + 1) === 38) return this.two(Tok.And, i);
                return this.invalid(i);
            case 124:
                if (text.charCodeAt(i + 1) === 124) return this.two(Tok.Or, i);
                return this.invalid(i);
            case 43:
                this.emit(Tok.Plus, i, i + 1);
                return i + 1;
            case 45:
                this.emit(Tok.Minus, i, i + 1);
                return i + 1;
            case 42:
                this.emit(Tok.Star, i, i + 1);
                return i + 1;
            case 37:
                this.emit(Tok.Percent, i, i + 1);
                return i + 1;
        }
        if (isDigit(c)) return this.number(i);
        if (isAsciiIdentStart(c)) {
            const start = i++;
            while (i < n && isAsciiIdentPart(text.charCodeAt(i))) i++;
            if (i < n && text.charCodeAt(i) >= 0x80) i = this.identTail(i);
            this.emit(Tok.Ident, start, i);
            return i;
        }
        if (c >= 0x80) {
            const cp = text.codePointAt(i)!;
            const width = cp > 0xffff ? 2 : 1;
            if (ID_START.test(String.fromCodePoint(cp))) {
                const start = i;
                i = this.identTail(i + width);
                this.emit(Tok.Ident, start, i);
                return i;
            }
        }
        return this.invalid(i);
    }

    private identTail(i: number): number {
        const text = this.text;
        const n = this.n;
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c < 0x80) {
                if (!isAsciiIdentPart(c)) break;
                i++;
                continue;
            }
            const cp = text.codePointAt(i)!;
            if (!ID_CONTINUE.test(String.fromCodePoint(cp))) break;
            i += cp > 0xffff ? 2 : 1;
        }
        return i;
    }

    private two(kind: Tok, i: number): number {
        this.emit(kind, i, i + 2);
        return i + 2;
    }

    private number(i: number): number {
        const text = this.text;
        const n = this.n;
        const start = i;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
        if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
            i += 2;
            while (i < n && isDigit(text.charCodeAt(i))) i++;
        }
        const e = text.charCodeAt(i);
        if (e === 101 || e === 69) {
            let j = i + 1;
            const s = text.charCodeAt(j);
            if (s === 43 || s === 45) j++;
            if (isDigit(text.charCodeAt(j))) {
                i = j + 1;
                while (i < n && isDigit(text.charCodeAt(i))) i++;
            }
        }
        this.emit(Tok.Number, start, i);
        return i;
    }

    /** One invalid character; a run of them becomes one token and one problem. */
    private invalid(i: number): number {
        const cp = this.text.codePointAt(i)!;
        const end = i + (cp > 0xffff ? 2 : 1);
        const last = this.count - 1;
        if (last >= 0 && this.kinds[last] === Tok.Invalid && this.ends[last] === i) {
            this.ends[last] = end;
            const p = this.problems[this.problems.length - 1];
            if (p && p.end === i) p.end = end;
            return end;
        }
        this.emit(Tok.Invalid, i, end);
        this.problem("Invalid character", "This character is not used within the language.", i, end);
        return end;
    }

    private skipLineComment(i: number): number {
        const text = this.text;
        const nl = text.indexOf("\n", i);
        if (nl < 0) return this.n;
        return text.charCodeAt(nl - 1) === 13 && nl - 1 > i ? nl - 1 : nl;
    }

    /**
     * Closes the innermost matching context. `}` may close a template sequence, which emits
     * `TemplateSeqEnd`; `tilde` requires exactly that. Returns false (emitting nothing) only for a
     * `~}` that closes no template sequence.
     */
    private close(want: Ctx, start: number, end: number, tilde: boolean): boolean {
        const stack = this.stackCtx;
        let found = -1;
        const floor = Math.max(0, stack.length - CLOSER_SEARCH);
        for (let k = stack.length - 1; k >= floor; k--) {
            const ctx = stack[k];
            if (ctx === want || (ctx === Ctx.Interp && want === Ctx.Brace)) {
                found = k;
                break;
            }
            if (ctx >= Ctx.Interp) break;
        }
        if (tilde && (found < 0 || stack[found] !== Ctx.Interp)) return false;
        if (found < 0) {
            const kind = want === Ctx.Brace ? Tok.CBrace : want === Ctx.Brack ? Tok.CBrack : Tok.CParen;
            this.emit(kind, start, end);
            return true;
        }
        const isInterp = stack[found] === Ctx.Interp;
        const kind = isInterp ? Tok.TemplateSeqEnd : want === Ctx.Brace ? Tok.CBrace : want === Ctx.Brack ? Tok.CBrack : Tok.CParen;
        const t = this.emit(kind, start, end);
        this.link(this.stackTok[found], t);
        while (stack.length > found) this.pop();
        return true;
    }

    private heredocOpener(i: number): number {
        const text = this.text;
        let j = i + 2;
        if (text.charCodeAt(j) === 45) j++;
        const markerStart = j;
        if (j < this.n && (isAsciiIdentStart(text.charCodeAt(j)) || text.charCodeAt(j) >= 0x80)) {
            j++;
            j = this.identTail(j);
        }
        const marker = text.slice(markerStart, j);
        let after = -1;
        if (text.charCodeAt(j) === 10) after = j + 1;
        else if (text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10) after = j + 2;
        if (marker.length === 0 || after < 0) {
            this.emit(Tok.Invalid, i, j);
            this.problem(
                "Invalid heredoc introducer",
                "A heredoc starts with <<MARKER or <<-MARKER followed immediately by a newline.",
                i,
                j,
            );
            return j;
        }
        const t = this.emit(Tok.OHeredoc, i, after);
        this.push(Ctx.Heredoc, t, marker);
        return after;
    }

    /** Opens `${` / `%{` (with optional `~`) at `i`; returns the index after it. */
    private sequenceOpener(i: number, kind: Tok): number {
        const end = this.text.charCodeAt(i + 2) === 126 ? i + 3 : i + 2;
        const t = this.emit(kind, i, end);
        this.push(Ctx.Interp, t);
        return end;
    }

    /**
     * Scans quoted (`quoted`) or bare template text from `i` up to the next sequence opener, the
     * closing quote, or (quoted only) an illegal newline. Escapes stay raw: the parser decodes them.
     */
    private scanTemplate(i: number, quoted: boolean): number {
        const text = this.text;
        const n = this.n;
        const start = i;
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c === 36 || c === 37) {
                const d = text.charCodeAt(i + 1);
                if (d === 123) {
                    if (i > start) this.emit(Tok.TemplateLit, start, i);
                    return this.sequenceOpener(i, c === 36 ? Tok.TemplateInterp : Tok.TemplateControl);
                }
                if (d === c && text.charCodeAt(i + 2) === 123) i += 3;
                else i++;
                continue;
            }
            if (!quoted) {
                i++;
                continue;
            }
            if (c === 34) {
                if (i > start) this.emit(Tok.TemplateLit, start, i);
                const t = this.emit(Tok.CQuote, i, i + 1);
                this.link(this.stackTok[this.stackTok.length - 1], t);
                this.pop();
                return i + 1;
            }
            if (c === 92) {
                const d = text.charCodeAt(i + 1);
                i += d === 10 || d === 13 || i + 1 >= n ? 1 : 2;
                continue;
            }
            if (c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10)) {
                if (i > start) this.emit(Tok.TemplateLit, start, i);
                const opener = this.stackTok[this.stackTok.length - 1];
                this.problem(
                    "Unterminated template string",
                    "Quoted strings may not be split over multiple lines. To produce a multi-line string, " +
                        "either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax.",
                    this.starts[opener],
                    i,
                );
                this.pop();
                // A string nested in an interpolation of another quoted string on this line: the
                // newline ends that one too, so unwind it rather than report it again at EOF.
                const stack = this.stackCtx;
                while (stack.length >= 2 && stack[stack.length - 1] === Ctx.Interp && stack[stack.length - 2] === Ctx.Quote) {
                    this.pop();
                    this.pop();
                }
                return i;
            }
            i++;
        }
        if (i > start) this.emit(Tok.TemplateLit, start, i);
        if (!quoted) this.pop();
        return i;
    }

    /** Scans heredoc text from `i`: the closing marker line, or one line (or part of one) of text. */
    private scanHeredoc(i: number): number {
        const text = this.text;
        const n = this.n;
        if (i === 0 || text.charCodeAt(i - 1) === 10) {
            let j = i;
            while (j < n) {
                const d = text.charCodeAt(j);
                if (d !== 32 && d !== 9) break;
                j++;
            }
            const marker = this.stackMarker[this.stackMarker.length - 1];
            if (text.startsWith(marker, j)) {
                const after = j + marker.length;
                const d = text.charCodeAt(after);
                if (after >= n || d === 10 || (d === 13 && text.charCodeAt(after + 1) === 10)) {
                    const t = this.emit(Tok.CHeredoc, i, after);
                    this.link(this.stackTok[this.stackTok.length - 1], t);
                    this.pop();
                    return after;
                }
            }
        }
        const start = i;
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c === 10) {
                i++;
                break;
            }
            if (c === 36 || c === 37) {
                const d = text.charCodeAt(i + 1);
                if (d === 123) {
                    if (i > start) this.emit(Tok.TemplateLit, start, i);
                    return this.sequenceOpener(i, c === 36 ? Tok.TemplateInterp : Tok.TemplateControl);
                }
                if (d === c && text.charCodeAt(i + 2) === 123) i += 3;
                else i++;
                continue;
            }
            i++;
        }
        if (i > start) this.emit(Tok.TemplateLit, start, i);
        return i;
    }
}
