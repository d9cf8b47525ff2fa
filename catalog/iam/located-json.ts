import type { Position, SourceLocation, TextMap, Value } from "../model";

/**
 * Parses JSON text into the neutral value tree with every element located: the IAM analyzer reads
 * policies written as strings (heredocs, Pulumi JSON strings) this way, so a finding can name the
 * line of the offending `Action` rather than the attribute. Returns undefined for text that is not
 * JSON; never throws. Nesting deeper than {@link MAX_DEPTH} becomes unknown.
 */
export function parseLocatedJson(text: string, locate: Locator): Value | undefined {
    const p = new Parser(text, locate);
    try {
        p.space();
        const v = p.value("", 0);
        p.space();
        return p.i === text.length ? v : undefined;
    } catch {
        return undefined;
    }
}

/** Locates the element spanning `[start, end)` of the text whose JSON path is `path` (`Statement.0.Action`). */
export type Locator = (start: number, end: number, path: string) => SourceLocation | undefined;

const MAX_DEPTH = 64;

class Parser {
    i = 0;
    constructor(
        readonly text: string,
        readonly locate: Locator,
    ) {}

    space(): void {
        const t = this.text;
        while (this.i < t.length) {
            const c = t.charCodeAt(this.i);
            if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
            else break;
        }
    }

    value(path: string, depth: number): Value {
        const t = this.text;
        const start = this.i;
        const c = t[this.i];
        if (c === "{") {
            this.i++;
            const entries: Record<string, Value> = {};
            this.space();
            if (t[this.i] === "}") this.i++;
            else {
                for (;;) {
                    this.space();
                    const key = this.string();
                    this.space();
                    if (t[this.i++] !== ":") throw new Error("expected :");
                    this.space();
                    const child = join(path, key);
                    const v = depth >= MAX_DEPTH ? this.skip(child) : this.value(child, depth + 1);
                    // `__proto__` is data in JSON, never the object's prototype.
                    if (key === "__proto__") Object.defineProperty(entries, key, { value: v, enumerable: true, writable: true, configurable: true });
                    else entries[key] = v;
                    this.space();
                    const sep = t[this.i++];
                    if (sep === "}") break;
                    if (sep !== ",") throw new Error("expected , or }");
                }
            }
            return { kind: "map", entries, source: this.locate(start, this.i, path) };
        }
        if (c === "[") {
            this.i++;
            const items: Value[] = [];
            this.space();
            if (t[this.i] === "]") this.i++;
            else {
                for (;;) {
                    this.space();
                    const child = join(path, String(items.length));
                    items.push(depth >= MAX_DEPTH ? this.skip(child) : this.value(child, depth + 1));
                    this.space();
                    const sep = t[this.i++];
                    if (sep === "]") break;
                    if (sep !== ",") throw new Error("expected , or ]");
                }
            }
            return { kind: "list", items, source: this.locate(start, this.i, path) };
        }
        if (c === '"') {
            const s = this.string();
            return { kind: "scalar", value: s, source: this.locate(start, this.i, path) };
        }
        const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(t.slice(this.i, this.i + 400));
        if (!m) throw new Error("unexpected token");
        this.i += m[0].length;
        const raw = m[0];
        const value = raw === "true" ? true : raw === "false" ? false : raw === "null" ? null : Number(raw);
        return { kind: "scalar", value, source: this.locate(start, this.i, path) };
    }

    /** A value too deep to keep: parsed over and replaced by an unknown. */
    skip(path: string): Value {
        const start = this.i;
        this.value(path, 0);
        return { kind: "unknown", reason: "nested too deeply", source: this.locate(start, this.i, path) };
    }

    string(): string {
        const t = this.text;
        if (t[this.i] !== '"') throw new Error("expected string");
        let j = this.i + 1;
        let escaped = false;
        while (j < t.length) {
            const c = t.charCodeAt(j);
            if (c === 92) {
                escaped = true;
                j += 2;
                continue;
            }
            if (c === 34) break;
            j++;
        }
        if (j >= t.length) throw new Error("unterminated string");
        const raw = t.slice(this.i, j + 1);
        this.i = j + 1;
        return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    }
}

function join(path: string, key: string): string {
    return path === "" ? key : `${path}.${key}`;
}

/**
 * A locator for a string whose characters came from a file ({@link TextMap}): offsets map to the
 * literal that holds them, line breaks inside the string advance the line.
 */
export function textLocator(text: string, map: TextMap): Locator {
    const anchors = map.anchors;
    const position = (offset: number): { file: string; pos: Position } | undefined => {
        let lo = 0;
        let hi = anchors.length - 1;
        let found = -1;
        while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            if (anchors[mid].at <= offset) {
                found = mid;
                lo = mid + 1;
            } else hi = mid - 1;
        }
        if (found < 0) return undefined;
        const anchor = anchors[found];
        const loc = anchor.location;
        if (loc.kind !== "file") return undefined;
        const start = loc.start;
        let line = start.line;
        let lineStart = -1;
        for (let k = anchor.at; k < offset && k < text.length; k++) {
            if (text.charCodeAt(k) === 10) {
                line++;
                lineStart = k;
            }
        }
        const indent = anchor.indent ?? 0;
        const column = lineStart < 0 ? start.column + indent + (offset - anchor.at) : 1 + indent + (offset - lineStart - 1);
        return { file: loc.file, pos: { line, column, offset: start.offset + indent + (offset - anchor.at) } };
    };
    return (start, end) => {
        const a = position(start);
        const b = position(Math.max(start, end - 1));
        if (!a || !b) return undefined;
        return { kind: "file", file: a.file, start: a.pos, end: { ...b.pos, column: b.pos.column + 1, offset: b.pos.offset + 1 } };
    };
}

/** A locator for a Pulumi string property: the JSON path is appended to the property path. */
export function pulumiLocator(urn: string, propertyPath: string): Locator {
    return (_start, _end, path) => ({ kind: "pulumi", urn, path: path === "" ? propertyPath : `${propertyPath}.${path}` });
}
