/**
 * A seeded generator of valid HCL native syntax covering every construct, used by the
 * differential and fuzz tests. It only writes what `hcl2-parser` (HCL 2.10) can also read and
 * render deterministically: one label count per block type in a body, unique argument names, no
 * `null` or fractional literals inside templates, no provider functions or `$${` escapes (those
 * are documented oracle exceptions, tested separately).
 */

/** A small, fast, seedable PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const NAMES = ["name", "bucket", "tags", "count", "enabled", "policy", "role", "kms_key_id", "subnet_id", "x", "y", "item", "é"];
const ROOTS = ["var", "local", "module", "aws_s3_bucket", "each", "count", "data"];
const FUNCS = ["upper", "lower", "join", "concat", "jsonencode", "lookup", "length", "merge", "format", "coalesce"];
const BINOPS = ["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"];
const LITERAL_CHARS = ["a", "b", "z", "0", " ", "-", "_", ".", "/", ":", "é", "😀", "\\n", "\\t", '\\"', "\\\\", "\\u00e9", "$", "%", "$x", "%d"];

export class HclGenerator {
    private readonly rand: () => number;

    constructor(seed: number) {
        this.rand = mulberry32(seed);
    }

    private int(n: number): number {
        return Math.floor(this.rand() * n);
    }

    private pick<T>(items: readonly T[]): T {
        return items[this.int(items.length)];
    }

    private chance(p: number): boolean {
        return this.rand() < p;
    }

    private sp(): string {
        return this.chance(0.2) ? "" : this.chance(0.8) ? " " : "  ";
    }

    /** A whole file: a body of attributes and blocks, optionally with comments. */
    file(): string {
        return this.body(0, "");
    }

    private body(depth: number, indent: string): string {
        const lines: string[] = [];
        const used = new Set<string>();
        const labelCounts = new Map<string, number>();
        const items = 1 + this.int(depth === 0 ? 8 : 4);
        for (let i = 0; i < items; i++) {
            if (this.chance(0.1)) lines.push(indent + this.pick(["# a comment", "// another", "/* block */", "/* multi\n" + indent + "   line */"]));
            if (depth < 3 && this.chance(0.3)) {
                let type = this.pick(["resource", "dynamic", "lifecycle", "block", "tags_block"]);
                if (used.has(type)) type = type + "_" + i;
                let n = labelCounts.get(type);
                if (n === undefined) {
                    n = this.int(3);
                    labelCounts.set(type, n);
                }
                const labels: string[] = [];
                for (let k = 0; k < n; k++) labels.push(this.chance(0.7) ? `"${this.pick(["a", "b", "aws_s3_bucket", "x-y", "é"])}"` : this.pick(["a", "b", "bare"]));
                const header = [type, ...labels].join(" ");
                if (this.chance(0.15)) lines.push(`${indent}${header} {}`);
                else if (this.chance(0.15)) lines.push(`${indent}${header} { ${this.pick(NAMES)} = ${this.expr(2, false)} }`);
                else lines.push(`${indent}${header} {\n${this.body(depth + 1, indent + "  ")}\n${indent}}`);
                continue;
            }
            let name = this.pick(NAMES);
            while (used.has(name) || labelCounts.has(name)) name = name + "_" + this.int(100);
            used.add(name);
            const value = this.chance(0.08) ? this.heredoc(indent) : this.expr(3, true);
            const comment = this.chance(0.1) ? this.pick([" # trailing", " // trailing"]) : "";
            lines.push(`${indent}${name}${this.sp()}=${this.sp()}${value}${comment}`);
        }
        // Names used as block types must not be attribute names of the same body.
        return lines.filter((l) => l.length > 0).join(this.chance(0.1) ? "\n\n" : "\n");
    }

    private heredoc(indent: string): string {
        const indented = this.chance(0.5);
        const marker = this.pick(["EOT", "POLICY", "EOF"]);
        const lines: string[] = [];
        const n = 1 + this.int(4);
        const base = indented ? indent + " ".repeat(this.int(4)) : "";
        for (let i = 0; i < n; i++) {
            const extra = " ".repeat(this.int(3));
            if (this.chance(0.15)) lines.push("");
            else lines.push(base + extra + this.templateBody(2, true));
        }
        return `<<${indented ? "-" : ""}${marker}\n${lines.join("\n")}\n${indented ? base : ""}${marker}\n`;
    }

    private literalText(): string {
        let s = "";
        const n = this.int(6);
        for (let i = 0; i < n; i++) s += this.pick(LITERAL_CHARS);
        // `$` or `%` right before an interpolation would form `$${`; keep a separator.
        return s.endsWith("$") || s.endsWith("%") ? s + "." : s;
    }

    private templateBody(depth: number, heredoc: boolean): string {
        let s = "";
        const n = 1 + this.int(4);
        for (let i = 0; i < n; i++) {
            const r = this.rand();
            if (r < 0.4) {
                let text = this.literalText();
                if (heredoc) text = text.replace(/\\./g, "q");
                s += text;
            } else if (r < 0.75 || depth <= 0) {
                s += `\${${this.chance(0.2) ? "~" : ""}${this.sp()}${this.expr(depth - 1, false, true)}${this.sp()}${this.chance(0.2) ? "~" : ""}}`;
            } else if (r < 0.88) {
                const strip = () => (this.chance(0.2) ? "~" : "");
                const elsePart = this.chance(0.5) ? `%{${strip()} else ${strip()}}${this.templateBody(depth - 1, heredoc)}` : "";
                s += `%{${strip()} if ${this.expr(1, false, true)} ${strip()}}${this.templateBody(depth - 1, heredoc)}${elsePart}%{${strip()} endif ${strip()}}`;
            } else {
                const vars = this.chance(0.5) ? "k, v" : "v";
                s += `%{ for ${vars} in ${this.traversal()} }${this.templateBody(depth - 1, heredoc)}%{ endfor }`;
            }
            if (s.endsWith("$") || s.endsWith("%")) s += ".";
        }
        return s;
    }

    private traversal(): string {
        let s = this.pick(ROOTS);
        const steps = 1 + this.int(3);
        // HCL rejects a splat inside an attribute-only splat (`a.*.*`); HCL 2.10 also rejects `a.0.1`.
        let attrSplat = false;
        let legacy = false;
        for (let i = 0; i < steps; i++) {
            let r = this.rand();
            if ((attrSplat && r >= 0.87) || (legacy && r >= 0.65 && r < 0.72)) r = 0;
            legacy = false;
            if (r < 0.55) s += "." + this.pick(NAMES);
            else if (r < 0.65) s += `[${this.int(3)}]`;
            else if (r < 0.72) {
                s += "." + this.int(3);
                legacy = true;
            }
            else if (r < 0.8) s += `["${this.pick(NAMES)}"]`;
            else if (r < 0.87) s += `[${this.pick(ROOTS)}.${this.pick(NAMES)}]`;
            else if (r < 0.94) s += "[*]";
            else {
                s += ".*";
                attrSplat = true;
            }
        }
        return s;
    }

    private number(): string {
        return this.pick([String(this.int(1000)), "1.5", "0.25", "1e3", "2E2", "5e-1", "12.5e+1"]);
    }

    /**
     * An expression. `multiline` allows newlines inside brackets; `inTemplate` avoids values
     * hcl2json cannot render inside a template (null, fractional numbers).
     */
    expr(depth: number, multiline: boolean, inTemplate = false): string {
        const r = this.rand();
        if (depth <= 0 || r < 0.3) {
            const k = this.int(6);
            if (k === 0) return inTemplate ? String(this.int(100)) : this.number();
            if (k === 1) return this.pick(["true", "false", inTemplate ? "true" : "null"]);
            if (k === 2) return `"${this.literalText()}"`;
            return this.traversal();
        }
        const d = depth - 1;
        const nl = multiline && this.chance(0.3) ? "\n" : "";
        switch (this.int(11)) {
            case 0:
                return `"${this.templateBody(d, false)}"`;
            case 1: {
                const items: string[] = [];
                const n = this.int(4);
                for (let i = 0; i < n; i++) items.push(this.expr(d, multiline, inTemplate));
                const trailing = n > 0 && this.chance(0.3) ? "," : "";
                return `[${nl}${items.join(`,${nl || this.sp()}`)}${trailing}${nl}]`;
            }
            case 2: {
                const items: string[] = [];
                const n = this.int(4);
                const keys = new Set<string>();
                for (let i = 0; i < n; i++) {
                    let key = this.pick([this.pick(NAMES), `"${this.pick(NAMES)}"`, `(${this.traversal()})`, `"\${${this.traversal()}}-k"`]);
                    while (keys.has(key)) key = this.pick(NAMES) + "_" + i;
                    keys.add(key);
                    items.push(`${key}${this.sp()}${this.pick(["=", ":"])}${this.sp()}${this.expr(d, multiline, inTemplate)}`);
                }
                if (nl) return `{\n${items.join(this.chance(0.5) ? ",\n" : "\n")}\n}`;
                return `{${this.sp()}${items.join(", ")}${n > 0 && this.chance(0.3) ? "," : ""}${this.sp()}}`;
            }
            case 3: {
                const args: string[] = [];
                const n = this.int(4);
                for (let i = 0; i < n; i++) args.push(this.expr(d, multiline, inTemplate));
                const expand = n > 0 && this.chance(0.15) ? "..." : "";
                return `${this.pick(FUNCS)}(${args.join(`,${nl || this.sp()}`)}${expand})`;
            }
            case 4: {
                const kv = this.chance(0.5) ? "k, v" : "v";
                const cond = this.chance(0.4) ? ` if ${this.expr(d, false, inTemplate)}` : "";
                if (this.chance(0.5)) return `[for ${kv} in ${this.traversal()} :${nl || " "}${this.expr(d, false, inTemplate)}${cond}]`;
                const group = this.chance(0.2) ? "..." : "";
                return `{for ${kv} in ${this.traversal()} : ${this.expr(d, false, inTemplate)} => ${this.expr(d, false, inTemplate)}${group}${cond}}`;
            }
            case 5:
                return `${this.expr(d, false, inTemplate)}${this.sp()}?${this.sp()}${this.expr(d, false, inTemplate)}${this.sp()}:${this.sp()}${this.expr(d, false, inTemplate)}`;
            case 6:
                return this.chance(0.5) ? `-${this.chance(0.5) ? (inTemplate ? String(this.int(9)) : this.number()) : this.traversal()}` : `!${this.pick(["true", "false", this.traversal()])}`;
            case 7:
            case 8:
            {
                // `a-b` would lex as the identifier `a-b`, in HCL too: keep a space before `-`.
                const op = this.pick(BINOPS);
                return `${this.expr(d, false, inTemplate)}${op === "-" ? " " : this.sp()}${op}${this.sp()}${this.expr(d, false, inTemplate)}`;
            }
            case 9:
                return `(${this.expr(d, multiline, inTemplate)})${this.chance(0.3) ? "." + this.pick(NAMES) : ""}`;
            default:
                return `${this.pick(FUNCS)}(${this.traversal()})${this.chance(0.5) ? "[0]" : ".id"}`;
        }
    }
}
