/**
 * A fast reader for the YAML that CloudFormation templates are written in: block mappings and
 * sequences, flow collections, plain and quoted scalars, block scalars and the short-form tags.
 * It builds the same tree as the `yaml` library does (checked by a differential test), about five
 * times faster. Anything outside that subset (anchors, multi-line plain or quoted scalars, explicit
 * keys, directives, several documents, unknown tags, any error) makes it give up, and the caller
 * reads the text with the `yaml` library instead, which also positions the diagnostics.
 */
import { parseDocument } from "yaml";
import type { Scalar } from "../catalog/model";
import type { CfnEntry, CfnNode } from "./parse";

class GiveUp extends Error {}
const GIVE_UP = new GiveUp("outside the fast subset");

const MAX_DEPTH = 200;

/** Plain scalars that are strings whatever the schema (most of a template): no resolution needed. */
const SAFE_PLAIN = /^[A-Za-z_/$][A-Za-z0-9_\-./:$@()*]*$/;
const SPECIAL_WORDS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

const resolved = new Map<string, Scalar>();

/** What the `yaml` library (YAML 1.1 schema) makes of a plain scalar. */
function resolvePlain(text: string): Scalar {
    if (SAFE_PLAIN.test(text) && !SPECIAL_WORDS.test(text)) return text;
    const hit = resolved.get(text);
    if (hit !== undefined || resolved.has(text)) return hit as Scalar;
    const doc = parseDocument(text, { version: "1.1" });
    const v = (doc.contents as { value?: unknown } | null)?.value;
    if (doc.errors.length > 0 || v === undefined || (typeof v === "object" && v !== null && !(v instanceof Date))) throw GIVE_UP;
    // A timestamp is a string to CloudFormation (the library path keeps the text the same way).
    const out: Scalar = v instanceof Date ? text : (v as Scalar);
    if (resolved.size < 10_000) resolved.set(text, out);
    return out;
}

/** Reads a template with the fast reader, or returns undefined (read it with the `yaml` library then). */
export function parseYamlFast(text: string, shortForms: Readonly<Record<string, string>>): CfnNode | undefined {
    try {
        return new FastReader(text, shortForms).document();
    } catch (err) {
        if (err instanceof GiveUp) return undefined;
        throw err;
    }
}

class FastReader {
    private pos = 0;
    private readonly n: number;

    constructor(
        private readonly text: string,
        private readonly shortForms: Readonly<Record<string, string>>,
    ) {
        this.n = text.length;
        if (text.includes("\t") || text.includes("\r") || text.charCodeAt(0) === 0xfeff) throw GIVE_UP;
    }

    private col(p: number): number {
        return p - (this.text.lastIndexOf("\n", p - 1) + 1);
    }

    /** Skips blank and comment lines (and the spaces before content) from the start of a line; returns the content position or n. */
    private nextContent(from: number): number {
        let p = from;
        const t = this.text;
        while (p < this.n) {
            let q = p;
            while (q < this.n && t.charCodeAt(q) === 32) q++;
            if (q >= this.n) return this.n;
            const c = t.charCodeAt(q);
            if (c === 10) {
                p = q + 1;
                continue;
            }
            if (c === 35) {
                const nl = t.indexOf("\n", q);
                if (nl < 0) return this.n;
                p = nl + 1;
                continue;
            }
            return q;
        }
        return this.n;
    }

    /** After a value on a line: only spaces and a comment may follow; returns the next line's start. */
    private endOfLine(p: number): number {
        const t = this.text;
        let q = p;
        while (q < this.n && t.charCodeAt(q) === 32) q++;
        if (q >= this.n) return this.n;
        const c = t.charCodeAt(q);
        if (c === 10) return q + 1;
        if (c === 35 && (q > p || t.charCodeAt(q - 1) === 32 || t.charCodeAt(q - 1) === 10)) {
            const nl = t.indexOf("\n", q);
            return nl < 0 ? this.n : nl + 1;
        }
        throw GIVE_UP;
    }

    document(): CfnNode | undefined {
        const t = this.text;
        if (/^(%|---|\.\.\.)/m.test(t) || t.includes("\n? ") || t.startsWith("? ")) throw GIVE_UP;
        const start = this.nextContent(0);
        if (start >= this.n) throw GIVE_UP;
        const node = this.node(start, -1, 0);
        if (this.nextContent(this.pos) < this.n) throw GIVE_UP;
        return node;
    }

    /** A node whose first character is at `p`; `parent` is the enclosing block's column. Leaves `pos` at the next line's start. */
    private node(p: number, parent: number, depth: number): CfnNode {
        if (depth > MAX_DEPTH) throw GIVE_UP;
        const t = this.text;
        const c = t[p];
        if (c === "&" || c === "*" || c === "?" || c === "%" || c === "@" || c === "`") throw GIVE_UP;
        if (c === "-" && (p + 1 >= this.n || t[p + 1] === " " || t[p + 1] === "\n")) return this.blockSeq(p, depth);
        if (c === "!") return this.tagged(p, parent, depth);
        if (c === "[" || c === "{") {
            const node = this.flow(p, depth);
            this.pos = this.endOfLine(this.pos);
            return node;
        }
        if (c === "|" || c === ">") return this.blockScalar(p, parent);
        if (this.keyEnd(p) >= 0) return this.blockMap(p, depth);
        const s = this.scalarInline(p);
        this.pos = this.endOfLine(s.after);
        // A plain scalar continued on a more indented line is a multi-line scalar: outside the subset.
        const next = this.nextContent(this.pos);
        if (next < this.n && this.col(next) > parent) throw GIVE_UP;
        return s.node;
    }

    private tagged(p: number, parent: number, depth: number): CfnNode {
        const t = this.text;
        let q = p + 1;
        while (q < this.n && /[A-Za-z0-9]/.test(t[q])) q++;
        const tag = t.slice(p, q);
        const long = this.shortForms[tag];
        if (long === undefined || (q < this.n && t[q] !== " " && t[q] !== "\n")) throw GIVE_UP;
        while (q < this.n && t[q] === " ") q++;
        let inner: CfnNode;
        if (q >= this.n || t[q] === "\n" || t[q] === "#") {
            const next = this.nextContent(this.endOfLine(q));
            if (next >= this.n || this.col(next) <= parent) throw GIVE_UP;
            inner = this.node(next, parent, depth + 1);
        } else {
            inner = this.node(q, parent, depth + 1);
        }
        return this.wrap(long, inner);
    }

    private wrap(long: string, inner: CfnNode): CfnNode {
        let out = inner;
        if (long === "Fn::GetAtt" && inner.kind === "scalar" && typeof inner.value === "string") {
            const dot = inner.value.indexOf(".");
            const parts = dot < 0 ? [inner.value] : [inner.value.slice(0, dot), inner.value.slice(dot + 1)];
            out = { kind: "seq", items: parts.map((v) => ({ kind: "scalar" as const, value: v, start: inner.start, end: inner.end })), start: inner.start, end: inner.end };
        }
        return { kind: "map", entries: [{ key: long, keyStart: inner.start, value: out }], start: inner.start, end: inner.end };
    }

    /** If a mapping key starts at `p` (on this line, followed by `:` and a space or line end), the position after the `:`. */
    private keyEnd(p: number): number {
        const t = this.text;
        const c = t[p];
        if (c === "[" || c === "{" || c === "!" || c === "|" || c === ">" || c === "&" || c === "*") return -1;
        let q: number;
        if (c === '"' || c === "'") {
            q = this.quotedEnd(p);
            if (q < 0) return -1;
        } else {
            q = p;
            while (q < this.n) {
                const ch = t[q];
                if (ch === "\n") return -1;
                if (ch === ":" && (q + 1 >= this.n || t[q + 1] === " " || t[q + 1] === "\n")) break;
                if (ch === "#" && t[q - 1] === " ") return -1;
                q++;
            }
            if (q >= this.n || q === p) return -1;
            while (t[q - 1] === " ") q--;
        }
        let r = q;
        while (r < this.n && t[r] === " ") r++;
        if (t[r] !== ":" || !(r + 1 >= this.n || t[r + 1] === " " || t[r + 1] === "\n")) return -1;
        return r + 1;
    }

    private keyText(p: number): { key: string; end: number } {
        const t = this.text;
        if (t[p] === '"' || t[p] === "'") {
            const end = this.quotedEnd(p);
            const v = this.quotedValue(p, end);
            if (typeof v !== "string") throw GIVE_UP;
            return { key: v, end };
        }
        let q = p;
        while (!(t[q] === ":" && (q + 1 >= this.n || t[q + 1] === " " || t[q + 1] === "\n"))) q++;
        let e = q;
        while (t[e - 1] === " ") e--;
        const v = resolvePlain(t.slice(p, e));
        return { key: String(v), end: e };
    }

    private blockMap(p: number, depth: number): CfnNode {
        const t = this.text;
        const column = this.col(p);
        const entries: CfnEntry[] = [];
        const seen = new Set<string>();
        let at = p;
        let end = p;
        for (;;) {
            const { key } = this.keyText(at);
            if (seen.has(key)) throw GIVE_UP;
            seen.add(key);
            let q = this.keyEnd(at);
            if (q < 0) throw GIVE_UP;
            while (q < this.n && t[q] === " ") q++;
            let value: CfnNode;
            if (q >= this.n || t[q] === "\n" || t[q] === "#") {
                const lineEnd = this.endOfLine(q);
                const next = this.nextContent(lineEnd);
                if (next < this.n && (this.col(next) > column || (this.col(next) === column && t[next] === "-" && (t[next + 1] === " " || t[next + 1] === "\n")))) {
                    value = this.node(next, column, depth + 1);
                } else {
                    // `key:` with nothing after it is null, located right after the colon (as the yaml library does).
                    const colon = this.keyEnd(at);
                    value = { kind: "scalar", value: null, start: colon, end: colon };
                    this.pos = lineEnd;
                }
            } else {
                // `a: b: c` and `a: - b` are not YAML.
                if (this.keyEnd(q) >= 0 || (t[q] === "-" && (t[q + 1] === " " || t[q + 1] === "\n"))) throw GIVE_UP;
                value = this.node(q, column, depth + 1);
            }
            entries.push({ key, keyStart: at, value });
            end = this.pos;
            const next = this.nextContent(this.pos);
            if (next >= this.n || this.col(next) < column) break;
            if (this.col(next) > column || this.keyEnd(next) < 0) throw GIVE_UP;
            at = next;
        }
        return { kind: "map", entries, start: p, end };
    }

    private blockSeq(p: number, depth: number): CfnNode {
        const t = this.text;
        const column = this.col(p);
        const items: CfnNode[] = [];
        let at = p;
        let end = p;
        for (;;) {
            let q = at + 1;
            while (q < this.n && t[q] === " ") q++;
            if (q >= this.n || t[q] === "\n" || t[q] === "#") {
                const lineEnd = this.endOfLine(q);
                const next = this.nextContent(lineEnd);
                if (next < this.n && this.col(next) > column) items.push(this.node(next, column, depth + 1));
                else {
                    items.push({ kind: "scalar", value: null, start: at + 1, end: at + 1 });
                    this.pos = lineEnd;
                }
            } else {
                items.push(this.node(q, column, depth + 1));
            }
            end = this.pos;
            const next = this.nextContent(this.pos);
            if (next >= this.n || this.col(next) < column) break;
            if (this.col(next) > column || t[next] !== "-" || !(t[next + 1] === " " || t[next + 1] === "\n")) break;
            at = next;
        }
        return { kind: "seq", items, start: p, end };
    }

    private blockScalar(p: number, parent: number): CfnNode {
        const t = this.text;
        const style = t[p];
        let q = p + 1;
        let chomp = "";
        if (t[q] === "-" || t[q] === "+") chomp = t[q++];
        if (/[0-9]/.test(t[q] ?? "")) throw GIVE_UP;
        const lineEnd = this.endOfLine(q);
        // Content lines: indented more than the parent; the first non-empty line sets the indentation.
        const lines: string[] = [];
        let indent = -1;
        let r = lineEnd;
        let last = lineEnd;
        while (r < this.n) {
            const nl = t.indexOf("\n", r);
            const line = t.slice(r, nl < 0 ? this.n : nl);
            const spaces = /^ */.exec(line)![0].length;
            if (line.trim() === "") {
                if (indent >= 0 && spaces > indent) throw GIVE_UP;
                lines.push("");
            } else {
                if (indent < 0) {
                    if (spaces <= parent) break;
                    indent = spaces;
                }
                if (spaces < indent) break;
                if (style === ">" && spaces > indent) throw GIVE_UP;
                lines.push(line.slice(indent));
                last = nl < 0 ? this.n : nl + 1;
            }
            r = nl < 0 ? this.n : nl + 1;
        }
        // Trailing empty lines belong to the scalar only for `+`; the next content starts after the last content line.
        let trailing = 0;
        while (lines.length > 0 && lines[lines.length - 1] === "") {
            lines.pop();
            trailing++;
        }
        if (chomp === "+" && trailing > 0) throw GIVE_UP;
        let value = style === "|" ? lines.join("\n") : lines.join(" ");
        if (style === ">" && lines.some((l) => l === "")) throw GIVE_UP;
        if (lines.length > 0 && chomp !== "-") value += "\n";
        this.pos = last;
        return { kind: "scalar", value, start: p, end: last };
    }

    private quotedEnd(p: number): number {
        const t = this.text;
        const q = t[p];
        let i = p + 1;
        while (i < this.n) {
            const c = t[i];
            if (c === "\n") throw GIVE_UP;
            if (q === "'" && c === "'") {
                if (t[i + 1] === "'") {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (q === '"') {
                if (c === "\\") {
                    i += 2;
                    continue;
                }
                if (c === '"') return i + 1;
            }
            i++;
        }
        throw GIVE_UP;
    }

    private quotedValue(p: number, end: number): Scalar {
        const raw = this.text.slice(p + 1, end - 1);
        if (this.text[p] === "'") return raw.replace(/''/g, "'");
        if (!raw.includes("\\")) return raw;
        const doc = parseDocument(this.text.slice(p, end), { version: "1.1" });
        const v = (doc.contents as { value?: unknown } | null)?.value;
        if (doc.errors.length > 0 || typeof v !== "string") throw GIVE_UP;
        return v;
    }

    /** A scalar on one line (block context): quoted, or plain up to a comment or the line end. */
    private scalarInline(p: number): { node: CfnNode; after: number } {
        const t = this.text;
        if (t[p] === '"' || t[p] === "'") {
            const end = this.quotedEnd(p);
            return { node: { kind: "scalar", value: this.quotedValue(p, end), start: p, end }, after: end };
        }
        let q = p;
        while (q < this.n && t[q] !== "\n" && !(t[q] === "#" && t[q - 1] === " ")) {
            if (t[q] === ":" && (t[q + 1] === " " || t[q + 1] === "\n")) throw GIVE_UP;
            q++;
        }
        let e = q;
        while (t[e - 1] === " ") e--;
        return { node: { kind: "scalar", value: resolvePlain(t.slice(p, e)), start: p, end: e }, after: e };
    }

    private skipFlowSpace(p: number): number {
        const t = this.text;
        let q = p;
        for (;;) {
            while (q < this.n && (t[q] === " " || t[q] === "\n")) q++;
            if (t[q] === "#" && (t[q - 1] === " " || t[q - 1] === "\n")) {
                const nl = t.indexOf("\n", q);
                if (nl < 0) throw GIVE_UP;
                q = nl + 1;
                continue;
            }
            return q;
        }
    }

    /** A flow collection or a scalar inside one; leaves `pos` after it. */
    private flow(p: number, depth: number): CfnNode {
        if (depth > MAX_DEPTH) throw GIVE_UP;
        const t = this.text;
        const c = t[p];
        if (c === "[") {
            const items: CfnNode[] = [];
            let q = this.skipFlowSpace(p + 1);
            if (t[q] === "]") {
                this.pos = q + 1;
                return { kind: "seq", items, start: p, end: q + 1 };
            }
            for (;;) {
                const item = this.flow(q, depth + 1);
                if (item.kind === "scalar" && this.text[this.skipFlowSpace(this.pos)] === ":") throw GIVE_UP;
                items.push(item);
                q = this.skipFlowSpace(this.pos);
                if (t[q] === ",") {
                    q = this.skipFlowSpace(q + 1);
                    if (t[q] === "]") throw GIVE_UP;
                    continue;
                }
                if (t[q] === "]") {
                    this.pos = q + 1;
                    return { kind: "seq", items, start: p, end: q + 1 };
                }
                throw GIVE_UP;
            }
        }
        if (c === "{") {
            const entries: CfnEntry[] = [];
            const seen = new Set<string>();
            let q = this.skipFlowSpace(p + 1);
            if (t[q] === "}") {
                this.pos = q + 1;
                return { kind: "map", entries, start: p, end: q + 1 };
            }
            for (;;) {
                const keyNode = this.flowScalar(q, true);
                if (keyNode.kind !== "scalar" || keyNode.value === null) throw GIVE_UP;
                const key = String(keyNode.value);
                if (seen.has(key)) throw GIVE_UP;
                seen.add(key);
                let r = this.skipFlowSpace(this.pos);
                if (t[r] !== ":") throw GIVE_UP;
                r = this.skipFlowSpace(r + 1);
                if (t[r] === "," || t[r] === "}") throw GIVE_UP;
                const value = this.flow(r, depth + 1);
                entries.push({ key, keyStart: q, value });
                q = this.skipFlowSpace(this.pos);
                if (t[q] === ",") {
                    q = this.skipFlowSpace(q + 1);
                    if (t[q] === "}") throw GIVE_UP;
                    continue;
                }
                if (t[q] === "}") {
                    this.pos = q + 1;
                    return { kind: "map", entries, start: p, end: q + 1 };
                }
                throw GIVE_UP;
            }
        }
        if (c === "!") {
            let q = p + 1;
            while (q < this.n && /[A-Za-z0-9]/.test(t[q])) q++;
            const long = this.shortForms[t.slice(p, q)];
            if (long === undefined || t[q] !== " ") throw GIVE_UP;
            const inner = this.flow(this.skipFlowSpace(q), depth + 1);
            return this.wrap(long, inner);
        }
        return this.flowScalar(p, false);
    }

    private flowScalar(p: number, isKey: boolean): CfnNode {
        const t = this.text;
        if (t[p] === '"' || t[p] === "'") {
            const end = this.quotedEnd(p);
            this.pos = end;
            return { kind: "scalar", value: this.quotedValue(p, end), start: p, end };
        }
        if ("[]{},&*!|>%@`?#".includes(t[p])) throw GIVE_UP;
        let q = p;
        while (q < this.n) {
            const ch = t[q];
            if (ch === "," || ch === "]" || ch === "}" || ch === "[" || ch === "{" || ch === "\n") break;
            if (ch === ":" && (t[q + 1] === " " || t[q + 1] === "\n" || t[q + 1] === "," || (isKey && (t[q + 1] === "}" || t[q + 1] === "]")))) break;
            if (ch === "#" && t[q - 1] === " ") break;
            q++;
        }
        if (t[q] === "\n" || t[q] === "[" || t[q] === "{") throw GIVE_UP;
        let e = q;
        while (t[e - 1] === " ") e--;
        if (e === p) throw GIVE_UP;
        this.pos = e;
        return { kind: "scalar", value: resolvePlain(t.slice(p, e)), start: p, end: e };
    }
}
