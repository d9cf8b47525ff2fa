/**
 * HCL for the Terraform engine: a hand-written parser for the native syntax (`.tf`, `.tfvars`) and
 * Terraform's JSON syntax (`.tf.json`, `.tfvars.json`), both producing the same positioned AST.
 * Parsing never throws: malformed input yields diagnostics and a best-effort tree.
 */
import type { Body } from "./ast";
import type { Diagnostic } from "./diagnostics";
import { parseTfJsonText, type TfJsonOptions } from "./json";
import { toJsonView as renderJsonView, type JsonViewValue } from "./json-view";
import { lex } from "./lexer";
import { DEFAULT_MAX_FILE_BYTES, Parser, type ParseOptions, type ParseStats } from "./parser";
import { SourceText, type Range } from "./source";
import { TOKEN_NAMES } from "./tokens";

export type * from "./ast";
export type { Diagnostic } from "./diagnostics";
export type { Range } from "./source";
export type { ParseOptions, ParseStats } from "./parser";
export type { TfJsonOptions } from "./json";
export type { JsonViewValue } from "./json-view";
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_DIAGNOSTICS, DEFAULT_MAX_FILE_BYTES } from "./parser";

/** What every parse returns: a body (empty when nothing could be read) and its diagnostics. */
export interface ParseResult {
    body: Body;
    diagnostics: Diagnostic[];
}

/** Source texts of parsed files, so {@link toJsonView} can quote expressions as written. */
const sources = new WeakMap<Body, string>();

/** Checks the size limit; returns a result to give back when the file must not be parsed. */
export function checkFileSize(text: string, file: string, options: ParseOptions): ParseResult | undefined {
    const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (text.length * 3 <= max) return undefined;
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes <= max) return undefined;
    const at = { line: 1, column: 1, offset: 0 };
    const range: Range = { start: at, end: at };
    return {
        body: { type: "Body", attributes: [], blocks: [], range },
        diagnostics: [
            {
                severity: "error",
                summary: "File too large",
                detail: `This file is ${bytes} bytes; files larger than ${max} bytes are not parsed.`,
                file,
                range,
            },
        ],
    };
}

/** Lexer and parser diagnostics interleaved in source order (stable for equal positions). */
function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
    return diagnostics
        .map((d, i) => ({ d, i }))
        .sort((a, b) => a.d.range.start.offset - b.d.range.start.offset || a.i - b.i)
        .map(({ d }) => d);
}

/** Parses HCL native syntax (`.tf`, `.tfvars`). */
export function parseHcl(text: string, file: string, options: ParseOptions = {}): ParseResult & { stats: ParseStats } {
    const tooBig = checkFileSize(text, file, options);
    if (tooBig) return { ...tooBig, stats: { tokens: 0, steps: 0, maxSteps: 0 } };
    const diagnostics: Diagnostic[] = [];
    const parser = new Parser(text, file, new SourceText(text, file), "native", options, diagnostics);
    const body = parser.parseFile();
    sources.set(body, text);
    return { body, diagnostics: sortDiagnostics(diagnostics), stats: parser.stats };
}

/** Parses Terraform's JSON syntax (`.tf.json`, `.tfvars.json`). */
export function parseTfJson(text: string, file: string, options: TfJsonOptions = {}): ParseResult {
    const tooBig = checkFileSize(text, file, options);
    if (tooBig) return tooBig;
    const result = parseTfJsonText(text, file, options);
    sources.set(result.body, text);
    return { body: result.body, diagnostics: sortDiagnostics(result.diagnostics) };
}

/**
 * Parses a file by its name: `.tf.json` / `.tfvars.json` as JSON syntax (`.tfvars.json` with
 * attributes only), anything else (`.tf`, `.tfvars`) as native syntax.
 */
export function parseFile(text: string, file: string, options: TfJsonOptions = {}): ParseResult {
    if (file.endsWith(".tfvars.json")) return parseTfJson(text, file, { ...options, variables: true });
    if (file.endsWith(".json")) return parseTfJson(text, file, options);
    const { body, diagnostics } = parseHcl(text, file, options);
    return { body, diagnostics };
}

/**
 * Renders a parsed body in the shape the `hcl2-parser` npm package (hcl2json) produces: blocks
 * nest by type and labels into arrays of bodies, literals become JSON values, and every other
 * expression becomes `"${source text}"`. Used by the differential tests; `text` defaults to the
 * text the body was parsed from.
 */
export function toJsonView(body: Body, text?: string): Record<string, JsonViewValue> {
    return renderJsonView(body, text ?? sources.get(body) ?? "");
}

/** A token, for tools and tests. */
export interface Token {
    type: string;
    text: string;
    range: Range;
}

/** Splits native-syntax text into tokens (comments and whitespace dropped, newlines kept). */
export function tokenizeHcl(text: string): Token[] {
    const { tokens } = lex(text);
    const src = new SourceText(text);
    const out: Token[] = [];
    for (let i = 0; i < tokens.count; i++) {
        out.push({
            type: TOKEN_NAMES[tokens.kinds[i]],
            text: text.slice(tokens.starts[i], tokens.ends[i]),
            range: { start: src.position(tokens.starts[i]), end: src.position(tokens.ends[i]) },
        });
    }
    return out;
}
