/**
 * A fast path for JSON templates (CDK output is JSON, often large): a positioned JSON reader that
 * builds the same tree as the YAML reader. Any syntax error returns undefined, and the caller
 * reads the text with the YAML reader instead, whose diagnostics are positioned.
 */
import type { CfnEntry, CfnNode, ParseDiagnostic } from "./parse";

const MAX_DEPTH = 200;

/** Reads a JSON document, or returns undefined when the text is not strict JSON. */
export function parseJsonTemplate(text: string): { tree: CfnNode; diagnostics: ParseDiagnostic[] } | undefined {
    let i = 0;
    const n = text.length;
    const diagnostics: ParseDiagnostic[] = [];
    const ws = () => {
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c === 32 || c === 10 || c === 13 || c === 9) i++;
            else break;
        }
    };
    const fail = (): never => {
        throw SYNTAX;
    };
    const str = (): string => {
        // i is at the opening quote
        const start = ++i;
        let simple = true;
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c === 34) break;
            if (c === 92) {
                simple = false;
                i += 2;
                continue;
            }
            if (c < 32) fail();
            i++;
        }
        if (i >= n) fail();
        const raw = text.slice(start, i);
        i++;
        return simple ? raw : (JSON.parse(`"${raw}"`) as string);
    };
    const value = (depth: number): CfnNode => {
        if (depth > MAX_DEPTH) fail();
        ws();
        const start = i;
        const c = text[i];
        if (c === "{") {
            i++;
            const entries: CfnEntry[] = [];
            const seen = new Map<string, number>();
            ws();
            if (text[i] === "}") {
                i++;
                return { kind: "map", entries, start, end: i };
            }
            for (;;) {
                ws();
                if (text[i] !== '"') fail();
                const keyStart = i;
                const key = str();
                ws();
                if (text[i] !== ":") fail();
                i++;
                const v = value(depth + 1);
                const dup = seen.get(key);
                if (dup !== undefined) {
                    diagnostics.push({ severity: "warning", summary: "Duplicate key", detail: `${key} appears twice; the last value is used.`, start: keyStart, end: keyStart + key.length + 2 });
                    entries[dup] = { key, keyStart, value: v };
                } else {
                    seen.set(key, entries.length);
                    entries.push({ key, keyStart, value: v });
                }
                ws();
                if (text[i] === ",") {
                    i++;
                    continue;
                }
                if (text[i] === "}") {
                    i++;
                    return { kind: "map", entries, start, end: i };
                }
                fail();
            }
        }
        if (c === "[") {
            i++;
            const items: CfnNode[] = [];
            ws();
            if (text[i] === "]") {
                i++;
                return { kind: "seq", items, start, end: i };
            }
            for (;;) {
                items.push(value(depth + 1));
                ws();
                if (text[i] === ",") {
                    i++;
                    continue;
                }
                if (text[i] === "]") {
                    i++;
                    return { kind: "seq", items, start, end: i };
                }
                fail();
            }
        }
        if (c === '"') return { kind: "scalar", value: str(), start, end: i };
        if (text.startsWith("true", i)) return (i += 4), { kind: "scalar", value: true, start, end: i };
        if (text.startsWith("false", i)) return (i += 5), { kind: "scalar", value: false, start, end: i };
        if (text.startsWith("null", i)) return (i += 4), { kind: "scalar", value: null, start, end: i };
        const m = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
        m.lastIndex = i;
        const num = m.exec(text);
        if (!num || num[0] === "" || num[0] === "-") fail();
        i += num![0].length;
        return { kind: "scalar", value: Number(num![0]), start, end: i };
    };
    try {
        if (text.charCodeAt(0) === 0xfeff) i = 1;
        const tree = value(0);
        ws();
        if (i !== n) return undefined;
        return { tree, diagnostics };
    } catch (err) {
        if (err === SYNTAX) return undefined;
        throw err;
    }
}

const SYNTAX = new Error("JSON syntax");
