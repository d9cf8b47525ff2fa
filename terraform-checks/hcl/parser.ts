import type { Position } from "../../catalog/model";
import type {
    Attribute,
    Block,
    BlockLabel,
    Body,
    Expression,
    ForExpr,
    FunctionCall,
    Identifier,
    Invalid,
    ObjectItem,
    Splat,
    Template,
    TemplateLiteral,
    TemplatePart,
} from "./ast";
import type { Diagnostic } from "./diagnostics";
import { lex, type LexMode, type TokenBuffer } from "./lexer";
import { type PositionSource, type Range, Span, join } from "./source";
import { decodeTemplateText, flushHeredocIndent, trimLeftSpace, trimRightSpace, type EscapeProblem } from "./template-text";
import { BINARY_OPERATOR, BINARY_PRECEDENCE, Tok } from "./tokens";

/** Limits and switches shared by both syntaxes. */
export interface ParseOptions {
    /** Deepest nesting of blocks and expressions; deeper input yields a diagnostic. Default 256. */
    maxDepth?: number;
    /** Larger files are not parsed; they yield one diagnostic. Default 16 MiB. */
    maxFileBytes?: number;
    /** Diagnostics kept per file before a final "too many errors" one. Default 1000. */
    maxDiagnostics?: number;
}

export const DEFAULT_MAX_DEPTH = 256;
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_DIAGNOSTICS = 1000;

/** Work counters, exposed so tests can check that parsing stays linear in the input. */
export interface ParseStats {
    tokens: number;
    steps: number;
    /** The step budget; reaching it stops the parse with a diagnostic (never expected in practice). */
    maxSteps: number;
}

const STEPS_PER_TOKEN = 8;
/** Budget of tokens scanned, per token, while looking for where an unclosed block probably ends. */
const CUT_SCAN_PER_TOKEN = 4;

type FlatPart =
    | { kind: "lit"; value: string; range: Range }
    | { kind: "interp"; expression: Expression; stripLeft: boolean; stripRight: boolean; range: Range }
    | { kind: "if"; condition: Expression; stripLeft: boolean; stripRight: boolean; range: Range }
    | { kind: "for"; keyVar: Identifier | null; valueVar: Identifier; collection: Expression; stripLeft: boolean; stripRight: boolean; range: Range }
    | { kind: "else" | "endif" | "endfor"; stripLeft: boolean; stripRight: boolean; range: Range }
    | { kind: "bad"; stripLeft: boolean; stripRight: boolean; range: Range };

/**
 * A list built by pushes keeps spare capacity (17 slots for one element); the tree keeps its lists
 * for a whole root module's evaluation, so they are copied to their exact size once complete.
 */
function exact<T>(list: T[]): T[] {
    return list.length === 0 || list.length > 64 ? list : list.slice();
}

/**
 * Recursive-descent parser over a {@link TokenBuffer}, following hashicorp/hcl's grammar. Errors
 * become diagnostics and the parser recovers at the next newline or matching bracket; it never
 * throws. A parser is used for one file (or one JSON string) and then dropped.
 */
export class Parser {
    private readonly text: string;
    private readonly file: string;
    private readonly src: PositionSource;
    private readonly k: Uint8Array;
    private readonly s: Int32Array;
    private readonly e: Int32Array;
    private readonly m: Int32Array;
    private readonly count: number;
    private p = 0;
    /** Tokens at or after `stop` read as EOF: bounds a block body by its closing brace. */
    private stop: number;
    /** Whether newlines are significant (bodies, objects) or skipped (inside brackets). */
    private nl = true;
    private depth = 0;
    private readonly maxDepth: number;
    private readonly maxDiagnostics: number;
    private depthReported = false;
    private dropped = 0;
    private cutBudget: number;
    /** Scratch list for the escape problems of one literal. */
    private readonly escapes: EscapeProblem[] = [];
    readonly stats: ParseStats;
    readonly diagnostics: Diagnostic[];

    constructor(text: string, file: string, src: PositionSource, mode: LexMode, options: ParseOptions, diagnostics: Diagnostic[]) {
        this.text = text;
        this.file = file;
        this.src = src;
        this.diagnostics = diagnostics;
        this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
        this.maxDiagnostics = options.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS;
        const { tokens, problems } = lex(text, mode);
        this.k = tokens.kinds;
        this.s = tokens.starts;
        this.e = tokens.ends;
        this.m = tokens.match;
        this.count = tokens.count;
        this.stop = tokens.count - 1;
        this.cutBudget = CUT_SCAN_PER_TOKEN * tokens.count + 1000;
        this.stats = { tokens: tokens.count, steps: 0, maxSteps: STEPS_PER_TOKEN * tokens.count + 1000 };
        for (const problem of problems) this.error(problem.summary, problem.detail, this.rangeOf(problem.start, problem.end));
    }

    /** The token buffer, for tools that want tokens rather than a tree. */
    tokenBuffer(): TokenBuffer {
        return { count: this.count, kinds: this.k, starts: this.s, ends: this.e, match: this.m };
    }

    /** Parses the whole input as a body (a `.tf` file). */
    parseFile(): Body {
        const body = this.parseBody(false, 0);
        body.range = this.rangeOf(0, this.text.length);
        this.finish();
        return body;
    }

    /** Parses the whole input as a bare template (the content of a JSON string). */
    parseBareTemplate(): Template {
        const parts = this.parseTemplateParts(false, false);
        this.finish();
        return { type: "Template", kind: "bare", parts, range: this.rangeOf(0, this.text.length) };
    }

    /** Parses the whole input as one expression (a JSON string holding a naked expression). */
    parseStandaloneExpression(): Expression {
        this.nl = false;
        const expr = this.parseExpression();
        if (this.peek() !== Tok.EOF) {
            const t = this.peekIndex();
            this.error("Extra characters after expression", "An expression was successfully parsed, but extra characters were found after it.", this.tokRange(t));
        }
        this.finish();
        return expr;
    }

    private finish(): void {
        if (this.dropped > 0) {
            const last = this.diagnostics[this.diagnostics.length - 1];
            this.diagnostics.push({
                severity: "error",
                summary: "Too many errors",
                detail: `${this.dropped} further diagnostics were not reported for this file.`,
                file: this.file,
                range: last.range,
            });
        }
    }

    private error(summary: string, detail: string, range: Range): void {
        if (this.diagnostics.length >= this.maxDiagnostics) {
            this.dropped++;
            return;
        }
        this.diagnostics.push({ severity: "error", summary, detail, file: this.file, range });
    }

    private pos(index: number): Position {
        return this.src.position(index);
    }

    /** The range [start, end) of indexes of this parser's text. */
    private rangeOf(start: number, end: number): Range {
        const src = this.src;
        return new Span(src.root, src.rootIndex(start), src.rootIndex(end));
    }

    private tokRange(t: number): Range {
        return this.rangeOf(this.s[t], this.e[t]);
    }

    /** From index `start` to the end of `r`. */
    private spanFrom(start: number, r: Range): Range {
        return r instanceof Span ? new Span(r.text, this.src.rootIndex(start), r.to) : { start: this.pos(start), end: r.end };
    }

    private kindAt(i: number): Tok {
        return i >= this.stop ? Tok.EOF : (this.k[i] as Tok);
    }

    private peekIndex(): number {
        let i = this.p;
        if (!this.nl) while (i < this.stop && this.k[i] === Tok.Newline) i++;
        return i;
    }

    private peek(): Tok {
        return this.kindAt(this.peekIndex());
    }

    /** Consumes and returns the next token (skipping newlines when they are insignificant). */
    private next(): number {
        const i = this.peekIndex();
        this.p = i < this.stop ? i + 1 : i;
        return i;
    }

    private tokText(t: number): string {
        return this.text.slice(this.s[t], this.e[t]);
    }

    private isKeyword(t: number, word: string): boolean {
        return this.kindAt(t) === Tok.Ident && this.e[t] - this.s[t] === word.length && this.text.startsWith(word, this.s[t]);
    }

    /** Counts work; past the budget the parse stops (the rest of the input reads as EOF). */
    private tick(): boolean {
        if (++this.stats.steps <= this.stats.maxSteps) return true;
        if (this.stop > this.p) {
            this.error("Parser step limit reached", "The parser stopped early on this input; please report it as a bug.", this.tokRange(Math.min(this.p, this.count - 1)));
            this.stop = this.p;
        }
        return false;
    }

    private isOpener(kind: Tok): boolean {
        return (
            kind === Tok.OBrace || kind === Tok.OBrack || kind === Tok.OParen || kind === Tok.OQuote ||
            kind === Tok.OHeredoc || kind === Tok.TemplateInterp || kind === Tok.TemplateControl
        );
    }

    /**
     * Skips the rest of a broken line: to just after the next significant newline, jumping over
     * bracketed groups, but never past a brace that closes a group opened before `itemStart`.
     */
    private recoverLine(itemStart: number): void {
        const start = this.p;
        while (this.p < this.stop && this.tick()) {
            const t = this.p;
            const kind = this.k[t] as Tok;
            if (kind === Tok.Newline) {
                this.p++;
                return;
            }
            const mt = this.m[t];
            if (this.isOpener(kind) && mt > t && mt < this.stop) {
                this.p = mt + 1;
                continue;
            }
            if ((kind === Tok.CBrace || kind === Tok.CBrack || kind === Tok.CParen || kind === Tok.TemplateSeqEnd) && mt >= 0 && mt < itemStart) return;
            this.p++;
        }
        if (this.p === start && this.p < this.stop) this.p++;
    }

    /**
     * After an error inside a bracketed group opened by token `open`: moves to its closer (not
     * consumed). An unclosed group instead ends at the line holding the error, so the lines after
     * it still parse. Returns whether the closer was found.
     */
    private skipToCloser(open: number): boolean {
        const close = this.m[open];
        if (close > this.p - 1 && close < this.stop) {
            this.p = close;
            return true;
        }
        let i = this.p;
        if (i > 0 && i < this.stop && this.k[i - 1] === Tok.Newline) {
            this.p = i - 1;
            return false;
        }
        while (i < this.stop && this.k[i] !== Tok.Newline && this.tick()) {
            const mi = this.m[i];
            if (this.isOpener(this.k[i] as Tok) && mi > i && mi < this.stop) i = mi + 1;
            else i++;
        }
        this.p = i;
        return false;
    }

    /** Reports nesting beyond the limit once and skips the construct at the current token. */
    private tooDeep(): Invalid {
        const t = this.peekIndex();
        const range = this.tokRange(Math.min(t, this.count - 1));
        if (!this.depthReported) {
            this.depthReported = true;
            this.error("Nesting too deep", `Blocks, expressions and templates may nest at most ${this.maxDepth} levels deep.`, range);
        }
        const kind = this.kindAt(t);
        const mt = this.m[t];
        if (this.isOpener(kind)) this.p = mt > t && mt < this.stop ? mt + 1 : this.stop;
        else if (t < this.stop) this.p = t + 1;
        return { type: "Invalid", range };
    }

    // ---- bodies -------------------------------------------------------------------------------

    private parseBody(nested: boolean, start: number): Body {
        const attributes: Attribute[] = [];
        const blocks: Block[] = [];
        // Names seen so far, for "Attribute redefined": a scan of `attributes` while the body is small.
        let seen: Map<string, Attribute> | undefined;
        const saveNl = this.nl;
        this.nl = true;
        let singleLine = nested && this.kindAt(this.p) !== Tok.Newline && this.kindAt(this.p) !== Tok.CBrace;
        let items = 0;
        while (this.tick()) {
            const t = this.p;
            const kind = this.kindAt(t);
            if (kind === Tok.Newline) {
                this.p++;
                continue;
            }
            if (kind === Tok.EOF) break;
            if (kind === Tok.CBrace) {
                if (nested) break;
                this.error("Unexpected closing brace", "This closing brace has no matching opening brace.", this.tokRange(t));
                this.p++;
                continue;
            }
            if (singleLine && items === 1) {
                this.error(
                    "Invalid single-argument block definition",
                    "A single-line block definition must end with a closing brace immediately after its single argument definition.",
                    this.tokRange(t),
                );
                singleLine = false;
            }
            items++;
            if (kind !== Tok.Ident) {
                this.error(
                    "Argument or block definition required",
                    "An argument or block definition is required here.",
                    this.tokRange(t),
                );
                this.recoverLine(t);
                continue;
            }
            const item = this.parseItem(singleLine);
            if (item === undefined) continue;
            if (item.type === "Attribute") {
                let previous: Attribute | undefined;
                if (seen !== undefined) previous = seen.get(item.name);
                else {
                    for (const a of attributes) {
                        if (a.name === item.name) {
                            previous = a;
                            break;
                        }
                    }
                    if (attributes.length >= 16) {
                        seen = new Map();
                        for (const a of attributes) if (!seen.has(a.name)) seen.set(a.name, a);
                    }
                }
                if (previous) {
                    const at = previous.nameRange.start;
                    this.error(
                        "Attribute redefined",
                        `The argument "${item.name}" was already set at ${this.file}:${at.line},${at.column}. Each argument may be set only once.`,
                        item.nameRange,
                    );
                } else seen?.set(item.name, item);
                attributes.push(item);
            } else {
                if (singleLine) {
                    this.error(
                        "Invalid single-argument block definition",
                        "A single-line block definition can contain only a single argument. To define a nested block, place it on a line of its own within its parent block.",
                        item.typeRange,
                    );
                }
                blocks.push(item);
            }
        }
        this.nl = saveNl;
        return { type: "Body", attributes: exact(attributes), blocks: exact(blocks), range: this.rangeOf(start, start) };
    }

    /** Parses an attribute or block starting at the identifier under the cursor. */
    private parseItem(singleLine: boolean): Attribute | Block | undefined {
        const nameTok = this.p++;
        const kind = this.kindAt(this.p);
        if (kind === Tok.Equal) {
            this.p++;
            const before = this.diagnostics.length;
            const expression = this.parseExpression();
            const nameRange = this.tokRange(nameTok);
            const attr: Attribute = {
                type: "Attribute",
                name: this.tokText(nameTok),
                nameRange,
                expression,
                range: join(nameRange, expression.range),
            };
            this.endItem(nameTok, singleLine, this.diagnostics.length > before, "argument");
            return attr;
        }
        if (kind === Tok.Ident || kind === Tok.OQuote || kind === Tok.OBrace) return this.parseBlock(nameTok, singleLine);
        const t = this.p;
        this.error(
            kind === Tok.Newline || kind === Tok.EOF ? "Argument or block definition required" : "Invalid argument or block definition",
            'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
            this.tokRange(kind === Tok.Newline || kind === Tok.EOF ? nameTok : t),
        );
        this.recoverLine(nameTok);
        return undefined;
    }

    /** Expects the newline (or, in a one-line block, the closing brace) that ends an item. */
    private endItem(itemStart: number, singleLine: boolean, hadError: boolean, what: string): void {
        const kind = this.kindAt(this.p);
        if (kind === Tok.Newline) {
            this.p++;
            return;
        }
        if (kind === Tok.EOF || (singleLine && kind === Tok.CBrace)) return;
        // An unclosed bracket was cut off at the start of this line: the line is the next item.
        if (hadError && this.p > 0 && this.k[this.p - 1] === Tok.Newline) return;
        if (!hadError) {
            this.error(
                `Missing newline after ${what}`,
                `${what === "argument" ? "An" : "A"} ${what} definition must end with a newline.`,
                this.tokRange(this.p),
            );
        }
        this.recoverLine(itemStart);
    }

    private parseBlock(typeTok: number, singleLine: boolean): Block | undefined {
        const labels: BlockLabel[] = [];
        for (;;) {
            if (!this.tick()) return undefined;
            const t = this.p;
            const kind = this.kindAt(t);
            if (kind === Tok.Ident) {
                labels.push({ type: "BlockLabel", value: this.tokText(t), quoted: false, range: this.tokRange(t) });
                this.p++;
                continue;
            }
            if (kind === Tok.OQuote) {
                const before = this.diagnostics.length;
                const template = this.parseQuoted();
                let value = "";
                for (const part of template.parts) {
                    if (part.type === "TemplateLiteral") value += part.value;
                    else if (this.diagnostics.length === before) {
                        this.error(
                            "Invalid block label",
                            'Template sequences are not allowed in block labels. To include a literal "${", use "$${".',
                            part.range,
                        );
                    }
                }
                labels.push({ type: "BlockLabel", value, quoted: true, range: template.range });
                continue;
            }
            if (kind === Tok.OBrace) break;
            this.error(
                "Invalid block definition",
                'Either a quoted string block label or an opening brace ("{") is expected here.',
                this.tokRange(t),
            );
            this.recoverLine(typeTok);
            return undefined;
        }
        const open = this.p++;
        const typeRange = this.tokRange(typeTok);
        const openBraceRange = this.tokRange(open);
        if (this.depth >= this.maxDepth) {
            this.p = open;
            const bad = this.tooDeep();
            return {
                type: "Block",
                blockType: this.tokText(typeTok),
                typeRange,
                labels,
                openBraceRange,
                closeBraceRange: bad.range,
                body: { type: "Body", attributes: [], blocks: [], range: bad.range },
                range: join(typeRange, bad.range),
            };
        }
        const close = this.m[open];
        const saveStop = this.stop;
        let cut = -1;
        if (close > open && close < this.stop) this.stop = close;
        else {
            cut = this.findCut(open, this.src.position(this.s[typeTok]).column);
            if (cut >= 0 && cut < this.stop) this.stop = cut;
        }
        this.depth++;
        const body = this.parseBody(true, this.s[open]);
        this.depth--;
        const endOfBody = this.p;
        this.stop = saveStop;
        let closeBraceRange: Range;
        if (this.kindAt(endOfBody) === Tok.CBrace && this.m[endOfBody] === open) {
            closeBraceRange = this.tokRange(endOfBody);
            this.p = endOfBody + 1;
        } else {
            const atIndex = endOfBody < this.count ? this.s[endOfBody] : this.text.length;
            closeBraceRange = this.rangeOf(atIndex, atIndex);
            const at = closeBraceRange.start;
            this.error(
                "Unclosed configuration block",
                cut >= 0
                    ? `There is no closing brace for this block. It is assumed to end before line ${at.line}, where the next block at the same indentation begins.`
                    : "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
                openBraceRange,
            );
        }
        body.range = join(openBraceRange, closeBraceRange);
        const block: Block = {
            type: "Block",
            blockType: this.tokText(typeTok),
            typeRange,
            labels: exact(labels),
            openBraceRange,
            closeBraceRange,
            body,
            range: join(typeRange, closeBraceRange),
        };
        if (cut < 0 || this.p < cut) this.endItem(typeTok, singleLine, false, "block");
        return block;
    }

    /**
     * For a block whose brace is never closed: the first later line that starts a block header at
     * the same or a lesser indentation than the unclosed block, at the same bracket depth. Such a
     * header almost certainly begins the next sibling, so the unclosed block ends there instead of
     * swallowing the rest of the file. -1 if there is none (or the scan budget is spent).
     */
    private findCut(open: number, column: number): number {
        let j = open + 1;
        while (j < this.stop) {
            if (--this.cutBudget < 0) return -1;
            const kind = this.k[j] as Tok;
            const mj = this.m[j];
            if (this.isOpener(kind) && mj > j) {
                j = mj + 1;
                continue;
            }
            if (kind === Tok.Ident && this.k[j - 1] === Tok.Newline && this.src.position(this.s[j]).column <= column && this.looksLikeBlockHeader(j)) return j;
            j++;
        }
        return -1;
    }

    private looksLikeBlockHeader(j: number): boolean {
        for (let i = j + 1, n = 0; i < this.stop && n < 8; n++) {
            const kind = this.k[i] as Tok;
            if (kind === Tok.OBrace) return true;
            if (kind === Tok.Ident) i++;
            else if (kind === Tok.OQuote && this.m[i] > i) i = this.m[i] + 1;
            else return false;
        }
        return false;
    }

    /**
     * The end of the group opened at `open`: its closer, or for an unclosed bracket the first
     * later line that looks like the next argument or block (at no deeper indentation than the
     * line holding the opener), so one missing bracket does not swallow the rest of the file.
     */
    private groupLimit(open: number): number {
        const close = this.m[open];
        if (close > open) return this.stop;
        let first = open;
        for (let n = 0; first > 0 && this.k[first - 1] !== Tok.Newline && n < 256; n++) first--;
        const column = this.src.position(this.s[first]).column;
        let j = open + 1;
        while (j < this.stop) {
            if (--this.cutBudget < 0) return this.stop;
            const kind = this.k[j] as Tok;
            const mj = this.m[j];
            if (this.isOpener(kind) && mj > j) {
                j = mj + 1;
                continue;
            }
            if (
                kind === Tok.Ident && this.k[j - 1] === Tok.Newline &&
                (this.k[j + 1] === Tok.Equal || this.looksLikeBlockHeader(j)) &&
                this.src.position(this.s[j]).column <= column
            ) {
                return j;
            }
            j++;
        }
        return this.stop;
    }

    // ---- expressions --------------------------------------------------------------------------

    parseExpression(): Expression {
        if (this.depth >= this.maxDepth) return this.tooDeep();
        this.depth++;
        const condition = this.parseBinary(1);
        let result: Expression = condition;
        if (this.peek() === Tok.Question) {
            this.next();
            const trueExpr = this.parseExpression();
            let falseExpr: Expression;
            if (this.peek() === Tok.Colon) {
                this.next();
                falseExpr = this.parseExpression();
            } else {
                const t = this.peekIndex();
                falseExpr = { type: "Invalid", range: this.tokRange(t) };
                if (trueExpr.type !== "Invalid") {
                    this.error(
                        "Missing false expression in conditional",
                        "The conditional operator (...?...:...) requires a false expression, delimited by a colon.",
                        this.tokRange(t),
                    );
                }
            }
            result = {
                type: "Conditional",
                condition,
                trueExpr,
                falseExpr,
                range: join(condition.range, falseExpr.range),
            };
        }
        this.depth--;
        return result;
    }

    private parseBinary(minPrec: number): Expression {
        let left = this.parseOperand();
        while (this.tick()) {
            const t = this.peekIndex();
            const kind = this.kindAt(t);
            const prec = BINARY_PRECEDENCE[kind];
            if (prec === 0 || prec < minPrec) break;
            this.p = t + 1;
            const right = this.parseBinary(prec + 1);
            left = {
                type: "Binary",
                operator: BINARY_OPERATOR[kind]!,
                left,
                right,
                range: join(left.range, right.range),
            };
        }
        return left;
    }

    /** A term with its traversals, or a unary operator applied to one (`-a.b` is `-(a.b)`). */
    private parseOperand(): Expression {
        const t = this.peekIndex();
        const kind = this.kindAt(t);
        if (kind === Tok.Minus || kind === Tok.Bang) {
            if (this.depth >= this.maxDepth) return this.tooDeep();
            this.p = t + 1;
            this.depth++;
            const operand = this.parseOperand();
            this.depth--;
            return {
                type: "Unary",
                operator: kind === Tok.Minus ? "-" : "!",
                operand,
                range: this.spanFrom(this.s[t], operand.range),
            };
        }
        const term = this.parseTerm();
        return term.type === "Invalid" ? term : this.parseTraversals(term);
    }

    /** Runs `parse` with the input bounded by {@link groupLimit}. */
    private inGroup<T>(open: number, parse: () => T): T {
        const saveStop = this.stop;
        this.stop = Math.min(saveStop, this.groupLimit(open));
        const result = parse();
        this.stop = saveStop;
        return result;
    }

    private parseTerm(): Expression {
        const t = this.peekIndex();
        const kind = this.kindAt(t);
        switch (kind) {
            case Tok.Number: {
                this.p = t + 1;
                const raw = this.tokText(t);
                return { type: "Literal", value: Number(raw), raw, range: this.tokRange(t) };
            }
            case Tok.Ident: {
                const after = this.p = t + 1;
                const afterKind = this.kindAt(after);
                if (afterKind === Tok.OParen || afterKind === Tok.DoubleColon) return this.parseCall(t);
                const name = this.tokText(t);
                if (name === "true" || name === "false" || name === "null") {
                    return { type: "Literal", value: name === "null" ? null : name === "true", range: this.tokRange(t) };
                }
                return { type: "Variable", name, range: this.tokRange(t) };
            }
            case Tok.OQuote:
                this.p = t;
                return this.parseQuoted();
            case Tok.OHeredoc:
                this.p = t;
                return this.parseHeredoc();
            case Tok.OParen:
                return this.inGroup(t, () => this.parseParens(t));
            case Tok.OBrack:
                return this.inGroup(t, () => this.parseTuple(t));
            case Tok.OBrace:
                return this.inGroup(t, () => this.parseObject(t));
        }
        const range = this.tokRange(Math.min(t, this.count - 1));
        if (kind === Tok.Invalid) {
            this.p = t + 1;
            return { type: "Invalid", range };
        }
        if (kind === Tok.EOF && t < this.count - 1) {
            this.error("Missing expression", "Expected the start of an expression here, before the end of the enclosing unclosed bracket or block.", range);
        } else if (kind === Tok.EOF || kind === Tok.Newline) {
            this.error("Missing expression", `Expected the start of an expression, but found the end of the ${kind === Tok.EOF ? "file" : "line"}.`, range);
        } else {
            this.error("Invalid expression", "Expected the start of an expression, but found an invalid expression token.", range);
        }
        return { type: "Invalid", range };
    }

    private parseTraversals(expr: Expression): Expression {
        while (this.tick()) {
            const t = this.peekIndex();
            const kind = this.kindAt(t);
            if (kind === Tok.Dot) {
                this.p = t + 1;
                const u = this.peekIndex();
                const ukind = this.kindAt(u);
                if (ukind === Tok.Ident) {
                    this.p = u + 1;
                    const nameRange = this.tokRange(u);
                    expr = { type: "GetAttr", object: expr, name: this.tokText(u), nameRange, range: join(expr.range, nameRange) };
                    continue;
                }
                if (ukind === Tok.Number) {
                    this.p = u + 1;
                    expr = this.legacyIndex(expr, u);
                    continue;
                }
                if (ukind === Tok.Star) {
                    this.p = u + 1;
                    const marker = this.rangeOf(this.s[t], this.e[u]);
                    let each: Expression = { type: "SplatItem", range: marker };
                    // Only attribute steps belong to an attribute-only splat; `[i]` after it indexes the result.
                    while (this.peek() === Tok.Dot && this.tick()) {
                        const d = this.peekIndex();
                        const save = this.p;
                        this.p = d + 1;
                        const v = this.peekIndex();
                        const vkind = this.kindAt(v);
                        if (vkind === Tok.Ident) {
                            this.p = v + 1;
                            const nameRange = this.tokRange(v);
                            each = { type: "GetAttr", object: each, name: this.tokText(v), nameRange, range: join(each.range, nameRange) };
                        } else if (vkind === Tok.Number) {
                            this.p = v + 1;
                            each = this.legacyIndex(each, v);
                        } else if (vkind === Tok.Star) {
                            this.error(
                                "Nested splat expression not allowed",
                                "A splat expression (*) cannot be used inside another attribute-only splat expression.",
                                this.tokRange(v),
                            );
                            this.p = v + 1;
                        } else {
                            this.p = save;
                            break;
                        }
                    }
                    expr = this.splat(expr, each, false, marker);
                    continue;
                }
                this.error("Invalid attribute name", "An attribute name is required after a dot.", this.tokRange(u));
                return expr;
            }
            if (kind === Tok.OBrack) {
                const saveNl = this.nl;
                this.nl = false;
                this.p = t + 1;
                const u = this.peekIndex();
                if (this.kindAt(u) === Tok.Star) {
                    this.p = u + 1;
                    const c = this.peekIndex();
                    if (this.kindAt(c) === Tok.CBrack) {
                        this.p = c + 1;
                        this.nl = saveNl;
                        const marker = this.rangeOf(this.s[t], this.e[c]);
                        if (this.depth >= this.maxDepth) return this.tooDeep();
                        this.depth++;
                        const each = this.parseTraversals({ type: "SplatItem", range: marker });
                        this.depth--;
                        return this.splat(expr, each, true, marker);
                    }
                    this.p = t + 1;
                }
                const saveStop = this.stop;
                this.stop = Math.min(saveStop, this.groupLimit(t));
                const key = this.parseExpression();
                const c = this.peekIndex();
                let end: Range;
                if (this.kindAt(c) === Tok.CBrack) {
                    this.p = c + 1;
                    end = this.tokRange(c);
                } else {
                    if (key.type !== "Invalid") {
                        this.error("Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").", this.tokRange(c));
                    }
                    if (this.skipToCloser(t)) {
                        end = this.tokRange(this.p);
                        this.p++;
                    } else end = key.range;
                }
                this.stop = saveStop;
                this.nl = saveNl;
                expr = { type: "Index", collection: expr, key, legacy: false, range: join(expr.range, end) };
                continue;
            }
            break;
        }
        return expr;
    }

    private splat(source: Expression, each: Expression, full: boolean, marker: Range): Splat {
        return { type: "Splat", source, each, full, range: join(source.range, each.type === "SplatItem" ? marker : each.range) };
    }

    /** `a.0`, and `a.0.1` which the lexer reads as the number `0.1`. */
    private legacyIndex(expr: Expression, t: number): Expression {
        const raw = this.tokText(t);
        const start = this.s[t];
        if (!/^\d+(\.\d+)?$/.test(raw)) {
            this.error("Invalid legacy index", "A legacy index after a dot must be a whole number, as in list.0.", this.tokRange(t));
            return expr;
        }
        let offset = 0;
        for (const digits of raw.split(".")) {
            const keyRange = this.rangeOf(start + offset, start + offset + digits.length);
            expr = {
                type: "Index",
                collection: expr,
                key: { type: "Literal", value: Number(digits), raw: digits, range: keyRange },
                legacy: true,
                range: join(expr.range, keyRange),
            };
            offset += digits.length + 1;
        }
        return expr;
    }

    private parseCall(nameTok: number): FunctionCall | Invalid {
        let name = this.tokText(nameTok);
        let nameEnd = this.e[nameTok];
        while (this.kindAt(this.p) === Tok.DoubleColon && this.tick()) {
            const id = this.p + 1;
            if (this.kindAt(id) !== Tok.Ident) {
                this.error("Missing function name", "A function name is required after \"::\".", this.tokRange(id));
                return { type: "Invalid", range: this.rangeOf(this.s[nameTok], this.e[this.p]) };
            }
            name += "::" + this.tokText(id);
            nameEnd = this.e[id];
            this.p = id + 1;
        }
        const nameRange = this.rangeOf(this.s[nameTok], nameEnd);
        const open = this.p;
        if (this.kindAt(open) !== Tok.OParen) {
            this.error("Missing function call", "A provider-defined function name must be followed by its arguments in parentheses.", this.tokRange(open));
            return { type: "Invalid", range: nameRange };
        }
        return this.inGroup(open, () => this.parseArguments(name, nameRange, open));
    }

    private parseArguments(name: string, nameRange: Range, open: number): FunctionCall {
        this.p = open + 1;
        const saveNl = this.nl;
        this.nl = false;
        const before = this.diagnostics.length;
        const args: Expression[] = [];
        let expandFinal = false;
        while (this.tick()) {
            const first = this.peek();
            if (first === Tok.CParen || (first === Tok.EOF && args.length > 0)) break;
            const arg = this.parseExpression();
            args.push(arg);
            const t = this.peekIndex();
            const kind = this.kindAt(t);
            if (kind === Tok.Comma) {
                this.p = t + 1;
                continue;
            }
            if (kind === Tok.Ellipsis) {
                this.p = t + 1;
                expandFinal = true;
                if (this.peek() !== Tok.CParen) {
                    this.error(
                        "Missing closing parenthesis",
                        "An expanded function argument (with ...) must be immediately followed by closing parentheses.",
                        this.tokRange(this.peekIndex()),
                    );
                    this.skipToCloser(open);
                }
                break;
            }
            if (kind === Tok.CParen) break;
            if (arg.type !== "Invalid" && this.diagnostics.length === before) {
                this.error(
                    kind === Tok.EOF ? "Unterminated function call" : "Missing argument separator",
                    kind === Tok.EOF
                        ? "There is no closing parenthesis for this function call before the end of the file."
                        : "A comma is required to separate each function argument from the next.",
                    this.tokRange(t),
                );
            }
            this.skipToCloser(open);
            break;
        }
        const closeRange = this.closeGroup(open, Tok.CParen, before, "Unterminated function call", "There is no closing parenthesis for this function call.");
        this.nl = saveNl;
        return {
            type: "FunctionCall",
            name,
            nameRange,
            args: exact(args),
            expandFinal,
            openParenRange: this.tokRange(open),
            closeParenRange: closeRange,
            range: join(nameRange, closeRange),
        };
    }

    /**
     * Consumes the closer of the group opened at `open` if it is next; otherwise reports the group
     * unclosed (unless an error inside it was already reported) and returns an empty range.
     */
    private closeGroup(open: number, closer: Tok, before: number, summary: string, detail: string): Range {
        const t = this.peekIndex();
        if (this.kindAt(t) === closer) {
            this.p = t + 1;
            return this.tokRange(t);
        }
        if (this.diagnostics.length === before) this.error(summary, detail, this.tokRange(open));
        const at = this.p > 0 ? this.e[Math.min(this.p, this.count) - 1] : 0;
        return this.rangeOf(at, at);
    }

    private parseParens(open: number): Expression {
        this.p = open + 1;
        const saveNl = this.nl;
        this.nl = false;
        const before = this.diagnostics.length;
        const expression = this.parseExpression();
        if (this.peek() !== Tok.CParen && this.diagnostics.length === before) {
            this.error("Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.", this.tokRange(this.peekIndex()));
        }
        if (this.peek() !== Tok.CParen) this.skipToCloser(open);
        const close = this.closeGroup(open, Tok.CParen, -1, "", "");
        this.nl = saveNl;
        return { type: "Parenthesized", expression, range: this.spanFrom(this.s[open], close) };
    }

    private isForStart(t: number): boolean {
        return this.isKeyword(t, "for") && this.kindAt(this.skipNewlines(t + 1)) === Tok.Ident;
    }

    private skipNewlines(i: number): number {
        while (i < this.stop && this.k[i] === Tok.Newline) i++;
        return i;
    }

    private parseTuple(open: number): Expression {
        this.p = open + 1;
        const saveNl = this.nl;
        this.nl = false;
        if (this.isForStart(this.peekIndex())) {
            const result = this.parseFor(open, false);
            this.nl = saveNl;
            return result;
        }
        const before = this.diagnostics.length;
        const items: Expression[] = [];
        while (this.tick()) {
            const first = this.peek();
            if (first === Tok.CBrack || (first === Tok.EOF && items.length > 0)) break;
            const item = this.parseExpression();
            items.push(item);
            const t = this.peekIndex();
            const kind = this.kindAt(t);
            if (kind === Tok.Comma) {
                this.p = t + 1;
                continue;
            }
            if (kind === Tok.CBrack) break;
            if (item.type !== "Invalid" && this.diagnostics.length === before && kind !== Tok.EOF) {
                this.error("Missing item separator", "Expected a comma to mark the beginning of the next item.", this.tokRange(t));
            }
            this.skipToCloser(open);
            break;
        }
        const close = this.closeGroup(open, Tok.CBrack, before, "Unclosed bracket", "There is no closing bracket (\"]\") for this tuple.");
        this.nl = saveNl;
        return { type: "Tuple", items: exact(items), range: this.spanFrom(this.s[open], close) };
    }

    private parseObject(open: number): Expression {
        this.p = open + 1;
        const saveNl = this.nl;
        this.nl = false;
        if (this.isForStart(this.peekIndex())) {
            const result = this.parseFor(open, true);
            this.nl = saveNl;
            return result;
        }
        this.nl = true;
        const before = this.diagnostics.length;
        const items: ObjectItem[] = [];
        while (this.tick()) {
            let t = this.p;
            while (this.kindAt(t) === Tok.Newline) t++;
            this.p = t;
            const kind = this.kindAt(t);
            if (kind === Tok.CBrace || kind === Tok.EOF) break;
            const key = this.parseExpression();
            const sep = this.p;
            const sepKind = this.kindAt(sep);
            if (sepKind !== Tok.Equal && sepKind !== Tok.Colon) {
                if (key.type !== "Invalid" && this.diagnostics.length === before) {
                    this.error(
                        "Missing key/value separator",
                        'Expected an equals sign ("=") to mark the beginning of the attribute value.',
                        this.tokRange(sep),
                    );
                }
                this.skipToCloser(open);
                break;
            }
            this.p = sep + 1;
            const value = this.parseExpression();
            items.push({ type: "ObjectItem", key, value, range: join(key.range, value.range) });
            const n = this.p;
            const nKind = this.kindAt(n);
            if (nKind === Tok.Comma || nKind === Tok.Newline) {
                this.p = n + 1;
                continue;
            }
            if (nKind === Tok.CBrace) break;
            if (value.type !== "Invalid" && this.diagnostics.length === before && nKind !== Tok.EOF) {
                this.error(
                    "Missing attribute separator",
                    "Expected a newline or comma to mark the beginning of the next attribute.",
                    this.tokRange(n),
                );
            }
            this.skipToCloser(open);
            break;
        }
        this.nl = false;
        const close = this.closeGroup(open, Tok.CBrace, before, "Unclosed brace", "There is no closing brace (\"}\") for this object.");
        this.nl = saveNl;
        return { type: "Object", items: exact(items), range: this.spanFrom(this.s[open], close) };
    }

    private expectIdent(what: string): Identifier | undefined {
        const t = this.peekIndex();
        if (this.kindAt(t) !== Tok.Ident) {
            this.error("Invalid 'for' expression", `${what} is required here.`, this.tokRange(t));
            return undefined;
        }
        this.p = t + 1;
        return { type: "Identifier", name: this.tokText(t), range: this.tokRange(t) };
    }

    /** `for` expressions; the cursor is on the `for` keyword, newlines already insignificant. */
    private parseFor(open: number, isObject: boolean): Expression {
        const closer = isObject ? Tok.CBrace : Tok.CBrack;
        const before = this.diagnostics.length;
        this.next();
        const fail = (): Expression => {
            this.skipToCloser(open);
            const close = this.closeGroup(open, closer, -1, "", "");
            return { type: "Invalid", range: this.spanFrom(this.s[open], close) };
        };
        const first = this.expectIdent("An iteration variable name");
        if (!first) return fail();
        let keyVar: Identifier | null = null;
        let valueVar = first;
        if (this.peek() === Tok.Comma) {
            this.next();
            const second = this.expectIdent("A value variable name");
            if (!second) return fail();
            keyVar = first;
            valueVar = second;
        }
        if (!this.isKeyword(this.peekIndex(), "in")) {
            this.error("Invalid 'for' expression", 'The "in" keyword is required after the iteration variables.', this.tokRange(this.peekIndex()));
            return fail();
        }
        this.next();
        const collection = this.parseExpression();
        if (this.peek() !== Tok.Colon) {
            if (this.diagnostics.length === before) {
                this.error("Invalid 'for' expression", "A colon is required after the collection expression.", this.tokRange(this.peekIndex()));
            }
            return fail();
        }
        this.next();
        let keyExpr: Expression | null = null;
        let valueExpr = this.parseExpression();
        let grouping = false;
        if (isObject) {
            if (this.peek() !== Tok.FatArrow) {
                if (this.diagnostics.length === before) {
                    this.error("Invalid 'for' expression", 'An object for expression requires "=>" between the key and value expressions.', this.tokRange(this.peekIndex()));
                }
                return fail();
            }
            this.next();
            keyExpr = valueExpr;
            valueExpr = this.parseExpression();
            if (this.peek() === Tok.Ellipsis) {
                this.next();
                grouping = true;
            }
        }
        let condition: Expression | null = null;
        if (this.isKeyword(this.peekIndex(), "if")) {
            this.next();
            condition = this.parseExpression();
        }
        if (this.peek() !== closer) {
            if (this.diagnostics.length === before) {
                this.error("Invalid 'for' expression", `Expected "${isObject ? "}" : "]"}" to end the for expression.`, this.tokRange(this.peekIndex()));
            }
            this.skipToCloser(open);
        }
        const close = this.closeGroup(open, closer, -1, "", "");
        const result: ForExpr = {
            type: "For",
            keyVar,
            valueVar,
            collection,
            keyExpr,
            valueExpr,
            condition,
            grouping,
            range: this.spanFrom(this.s[open], close),
        };
        return result;
    }

    // ---- templates ----------------------------------------------------------------------------

    private parseQuoted(): Template {
        const open = this.p++;
        const parts = this.parseTemplateParts(true, false);
        let end: number;
        if (this.kindAt(this.p) === Tok.CQuote) {
            end = this.e[this.p];
            this.p++;
        } else end = this.p > open + 1 ? this.e[this.p - 1] : this.e[open];
        return { type: "Template", kind: "quoted", parts, range: this.rangeOf(this.s[open], end) };
    }

    private parseHeredoc(): Template {
        const open = this.p++;
        const intro = this.tokText(open);
        const indented = intro.charCodeAt(2) === 45;
        const marker = intro.slice(indented ? 3 : 2).replace(/\r?\n$/, "");
        const parts = this.parseTemplateParts(false, indented);
        let end: number;
        if (this.kindAt(this.p) === Tok.CHeredoc) {
            end = this.e[this.p];
            this.p++;
        } else end = this.p > open + 1 ? this.e[this.p - 1] : this.e[open];
        return { type: "Template", kind: "heredoc", heredoc: { marker, indented }, parts, range: this.rangeOf(this.s[open], end) };
    }

    /**
     * Reads template tokens into a flat list, applies `~` stripping and `<<-` indentation, then
     * nests `if`/`for` directives. Stops at the first token that is not part of the template.
     */
    private parseTemplateParts(quoted: boolean, indented: boolean): TemplatePart[] {
        if (this.depth >= this.maxDepth) {
            // Skip the template's own tokens; its closer is handled by the caller.
            while (this.tick()) {
                const kind = this.kindAt(this.p);
                if (kind === Tok.TemplateLit) this.p++;
                else if (kind === Tok.TemplateInterp || kind === Tok.TemplateControl) this.tooDeep();
                else break;
            }
            return [];
        }
        // The common case, one literal and nothing else ("foo"): no directives to nest, nothing to strip.
        const first = this.p;
        if (!indented && this.kindAt(first) === Tok.TemplateLit) {
            const after = this.kindAt(first + 1);
            if (after !== Tok.TemplateLit && after !== Tok.TemplateInterp && after !== Tok.TemplateControl && this.tick()) {
                this.p++;
                return [this.templateLiteral(first, quoted)];
            }
        }
        this.depth++;
        const saveNl = this.nl;
        const flat: FlatPart[] = [];
        while (this.tick()) {
            const t = this.p;
            const kind = this.kindAt(t);
            if (kind === Tok.TemplateLit) {
                this.p++;
                const lit = this.templateLiteral(t, quoted);
                flat.push({ kind: "lit", value: lit.value, range: lit.range });
                continue;
            }
            if (kind !== Tok.TemplateInterp && kind !== Tok.TemplateControl) break;
            this.p++;
            this.nl = false;
            const stripLeft = this.e[t] - this.s[t] === 3;
            const before = this.diagnostics.length;
            if (kind === Tok.TemplateInterp) {
                const expression = this.parseExpression();
                const [stripRight, end] = this.endSequence(t, before, "interpolation");
                flat.push({ kind: "interp", expression, stripLeft, stripRight, range: this.rangeOf(this.s[t], end) });
            } else {
                flat.push(this.parseDirective(t, stripLeft, before));
            }
            this.nl = saveNl;
        }
        this.nl = saveNl;
        for (let i = 0; i < flat.length; i++) {
            const part = flat[i];
            if (part.kind === "lit") continue;
            const prev = flat[i - 1];
            const next = flat[i + 1];
            if (part.stripLeft && prev?.kind === "lit") prev.value = trimRightSpace(prev.value);
            if (part.stripRight && next?.kind === "lit") next.value = trimLeftSpace(next.value);
        }
        if (indented) {
            const flushed = flushHeredocIndent(flat.map((part) => (part.kind === "lit" ? part.value : null)));
            for (let i = 0; i < flat.length; i++) {
                const part = flat[i];
                if (part.kind === "lit") part.value = flushed[i]!;
            }
        }
        const cursor = { i: 0 };
        const parts = this.nestTemplate(flat, cursor, "");
        this.depth--;
        return parts;
    }

    /** The literal text of template token `t`, escapes decoded (bad escapes reported). */
    private templateLiteral(t: number, quoted: boolean): TemplateLiteral {
        const escapes = this.escapes;
        escapes.length = 0;
        const value = decodeTemplateText(this.tokText(t), quoted, escapes);
        for (const problem of escapes) this.error(problem.summary, problem.detail, this.rangeOf(this.s[t] + problem.start, this.s[t] + problem.end));
        return { type: "TemplateLiteral", value, range: this.tokRange(t) };
    }

    /** Consumes the `}` / `~}` ending a template sequence opened at `open`; returns [stripRight, end]. */
    private endSequence(open: number, before: number, what: string): [boolean, number] {
        const t = this.peekIndex();
        if (this.kindAt(t) === Tok.TemplateSeqEnd) {
            this.p = t + 1;
            return [this.e[t] - this.s[t] === 2, this.e[t]];
        }
        if (this.diagnostics.length === before) {
            this.error(
                `Extra characters after ${what}`,
                `Expected a closing brace to end the ${what}, but found extra characters.`,
                this.tokRange(t),
            );
        }
        const close = this.m[open];
        if (close > open && close < this.stop) {
            this.p = close + 1;
            return [this.e[close] - this.s[close] === 2, this.e[close]];
        }
        return [false, this.e[Math.max(open, this.p - 1)]];
    }

    private parseDirective(open: number, stripLeft: boolean, before: number): FlatPart {
        const start = this.s[open];
        const t = this.peekIndex();
        const word = this.kindAt(t) === Tok.Ident ? this.tokText(t) : "";
        if (word === "if") {
            this.p = t + 1;
            const condition = this.parseExpression();
            const [stripRight, end] = this.endSequence(open, before, "directive");
            return { kind: "if", condition, stripLeft, stripRight, range: this.rangeOf(start, end) };
        }
        if (word === "for") {
            this.p = t + 1;
            const first = this.expectIdent("An iteration variable name");
            let keyVar: Identifier | null = null;
            let valueVar = first;
            if (first && this.peek() === Tok.Comma) {
                this.next();
                keyVar = first;
                valueVar = this.expectIdent("A value variable name");
            }
            let collection: Expression | undefined;
            if (valueVar && this.isKeyword(this.peekIndex(), "in")) {
                this.next();
                collection = this.parseExpression();
            } else if (valueVar) {
                this.error("Invalid 'for' directive", 'The "in" keyword is required after the iteration variables.', this.tokRange(this.peekIndex()));
            }
            const [stripRight, end] = this.endSequence(open, before, "directive");
            if (!valueVar || !collection) return { kind: "bad", stripLeft, stripRight, range: this.rangeOf(start, end) };
            return { kind: "for", keyVar, valueVar, collection, stripLeft, stripRight, range: this.rangeOf(start, end) };
        }
        if (word === "else" || word === "endif" || word === "endfor") {
            this.p = t + 1;
            const [stripRight, end] = this.endSequence(open, before, "directive");
            return { kind: word, stripLeft, stripRight, range: this.rangeOf(start, end) };
        }
        this.error(
            "Invalid template directive",
            'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
            this.tokRange(t),
        );
        const [stripRight, end] = this.endSequence(open, before, "directive");
        return { kind: "bad", stripLeft, stripRight, range: this.rangeOf(start, end) };
    }

    /** Nests the flat directive list from `cursor.i` until the `until` directive ("" for the end). */
    private nestTemplate(flat: FlatPart[], cursor: { i: number }, until: string): TemplatePart[] {
        const parts: TemplatePart[] = [];
        while (cursor.i < flat.length) {
            const part = flat[cursor.i];
            switch (part.kind) {
                case "lit":
                    cursor.i++;
                    parts.push({ type: "TemplateLiteral", value: part.value, range: part.range });
                    break;
                case "interp":
                    cursor.i++;
                    parts.push({
                        type: "TemplateInterpolation",
                        expression: part.expression,
                        stripLeft: part.stripLeft,
                        stripRight: part.stripRight,
                        range: part.range,
                    });
                    break;
                case "if": {
                    cursor.i++;
                    if (this.depth >= this.maxDepth) {
                        this.tooDeepAt(part.range);
                        cursor.i = flat.length;
                        break;
                    }
                    this.depth++;
                    const then = this.nestTemplate(flat, cursor, "else|endif");
                    let elseParts: TemplatePart[] | null = null;
                    if (flat[cursor.i]?.kind === "else") {
                        cursor.i++;
                        elseParts = this.nestTemplate(flat, cursor, "endif");
                    }
                    this.depth--;
                    const end = this.closeDirective(flat, cursor, "endif", part.range);
                    parts.push({ type: "TemplateIf", condition: part.condition, then, else: elseParts, range: join(part.range, end) });
                    break;
                }
                case "for": {
                    cursor.i++;
                    if (this.depth >= this.maxDepth) {
                        this.tooDeepAt(part.range);
                        cursor.i = flat.length;
                        break;
                    }
                    this.depth++;
                    const body = this.nestTemplate(flat, cursor, "endfor");
                    this.depth--;
                    const end = this.closeDirective(flat, cursor, "endfor", part.range);
                    parts.push({
                        type: "TemplateFor",
                        keyVar: part.keyVar,
                        valueVar: part.valueVar,
                        collection: part.collection,
                        body,
                        range: join(part.range, end),
                    });
                    break;
                }
                case "bad":
                    cursor.i++;
                    break;
                default:
                    if (until.split("|").includes(part.kind)) return exact(parts);
                    cursor.i++;
                    this.error(
                        `Unexpected "${part.kind}" directive`,
                        until === "" ? `There is no open directive for this "${part.kind}" to close.` : `Expected "${until.split("|").join('" or "')}" here.`,
                        part.range,
                    );
            }
        }
        return exact(parts);
    }

    private closeDirective(flat: FlatPart[], cursor: { i: number }, word: string, opener: Range): Range {
        const part = flat[cursor.i];
        if (part?.kind === word) {
            cursor.i++;
            return part.range;
        }
        this.error(`Unterminated template ${word === "endif" ? "if" : "for"}`, `There is no %{ ${word} } closing this directive.`, opener);
        return opener;
    }

    private tooDeepAt(range: Range): void {
        if (this.depthReported) return;
        this.depthReported = true;
        this.error("Nesting too deep", `Blocks, expressions and templates may nest at most ${this.maxDepth} levels deep.`, range);
    }
}
