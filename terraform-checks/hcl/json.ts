import type { Position } from "../../catalog/model";
import type { Attribute, Block, BlockLabel, Body, Expression, ObjectItem, Template } from "./ast";
import type { Diagnostic } from "./diagnostics";
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_DIAGNOSTICS, Parser, type ParseOptions } from "./parser";
import { SourceText, type PositionSource, type Range, join } from "./source";

/** Options for Terraform's JSON syntax. */
export interface TfJsonOptions extends ParseOptions {
    /** A `.tfvars.json` file: the root object holds only attributes. */
    variables?: boolean;
    /**
     * Without provider schemas a JSON object inside a resource is ambiguous: a nested block or a
     * map attribute. By default it is an attribute (an {@link ObjectExpr}, or a {@link Tuple} of
     * them), which the neutral model reads the same way as a block; this hook lets a schema-aware
     * caller say which names are nested blocks. `context` is the enclosing top-level block
     * (e.g. `resource` with labels `["aws_s3_bucket", "b"]`), `path` the nested block names so far.
     */
    isNestedBlock?: (context: { blockType: string; labels: string[] }, path: string[], name: string) => boolean;
}

interface BodySchema {
    blocks: Record<string, BlockSchema>;
    /** Attribute names whose string values are naked expressions (`depends_on`, a variable's `type`…). */
    expressions?: Set<string>;
    /** Resource-like bodies, where `isNestedBlock` may declare more blocks. */
    open?: boolean;
}

interface BlockSchema {
    labels: number;
    body: () => BodySchema;
}

const attrs = (expressions?: string[]): BodySchema => ({ blocks: {}, expressions: expressions && new Set(expressions) });
const block = (labels: number, body: () => BodySchema): BlockSchema => ({ labels, body });

const CONDITION = block(0, () => attrs());
const CONNECTION = block(0, () => attrs());
const LIFECYCLE = block(0, () => ({
    blocks: { precondition: CONDITION, postcondition: CONDITION },
    expressions: new Set(["ignore_changes", "replace_triggered_by"]),
}));
const PROVISIONER = block(1, () => ({ blocks: { connection: CONNECTION } }));
const nestedBody = (): BodySchema => ({ blocks: { dynamic: DYNAMIC }, open: true });
const DYNAMIC: BlockSchema = block(1, () => ({ blocks: { content: block(0, nestedBody) } }));
const RESOURCE = block(2, () => ({
    blocks: { lifecycle: LIFECYCLE, provisioner: PROVISIONER, connection: CONNECTION, dynamic: DYNAMIC },
    expressions: new Set(["depends_on", "provider"]),
    open: true,
}));

/** Terraform's top-level blocks, with their label counts and the blocks Terraform itself defines inside them. */
const ROOT: BodySchema = {
    blocks: {
        resource: RESOURCE,
        data: RESOURCE,
        ephemeral: RESOURCE,
        module: block(1, () => ({ blocks: {}, expressions: new Set(["depends_on", "providers"]) })),
        variable: block(1, () => ({ blocks: { validation: CONDITION }, expressions: new Set(["type"]) })),
        output: block(1, () => ({ blocks: { precondition: CONDITION }, expressions: new Set(["depends_on"]) })),
        provider: block(1, () => ({ blocks: {}, open: true })),
        locals: block(0, () => attrs()),
        terraform: block(0, () => ({
            blocks: {
                required_providers: block(0, () => attrs()),
                backend: block(1, () => attrs()),
                cloud: block(0, () => ({ blocks: { workspaces: block(0, () => attrs()) } })),
                provider_meta: block(1, () => attrs()),
            },
        })),
        moved: block(0, () => attrs(["from", "to"])),
        import: block(0, () => attrs(["to", "provider"])),
        removed: block(0, () => ({ blocks: { lifecycle: LIFECYCLE, provisioner: PROVISIONER }, expressions: new Set(["from"]) })),
        check: block(1, () => ({ blocks: { data: RESOURCE, assert: CONDITION } })),
    },
};

type JValue =
    | { kind: "object"; props: JProp[]; start: number; end: number }
    | { kind: "array"; items: JValue[]; start: number; end: number }
    | { kind: "string"; value: string; start: number; end: number; map: Int32Array | null }
    | { kind: "number"; raw: string; start: number; end: number }
    | { kind: "literal"; value: boolean | null; start: number; end: number }
    | { kind: "invalid"; start: number; end: number };

interface JProp {
    key: Extract<JValue, { kind: "string" }>;
    value: JValue;
}

/** Positions inside a decoded JSON string, mapped back to the file. */
class StringWindow implements PositionSource {
    constructor(
        private readonly outer: SourceText,
        private readonly rawStart: number,
        private readonly map: Int32Array | null,
    ) {}

    get root(): SourceText {
        return this.outer;
    }

    rootIndex(index: number): number {
        return this.rawStart + (this.map ? this.map[Math.min(index, this.map.length - 1)] : index);
    }

    position(index: number): Position {
        return this.outer.position(this.rootIndex(index));
    }
}

/** Parses Terraform JSON syntax into the shared AST. */
export function parseTfJsonText(text: string, file: string, options: TfJsonOptions): { body: Body; diagnostics: Diagnostic[] } {
    const diagnostics: Diagnostic[] = [];
    const src = new SourceText(text, file);
    const reader = new JsonReader(text, file, src, diagnostics, options);
    const root = reader.readDocument();
    const converter = new TfJsonConverter(file, src, diagnostics, options);
    const whole: Range = src.span(0, text.length);
    if (!root) return { body: { type: "Body", attributes: [], blocks: [], range: whole }, diagnostics };
    if (root.kind !== "object") {
        converter.error("Invalid JSON configuration", "The root of a Terraform JSON file must be an object.", root);
        return { body: { type: "Body", attributes: [], blocks: [], range: whole }, diagnostics };
    }
    const body = converter.body(root, options.variables ? attrs() : ROOT, undefined, []);
    body.range = whole;
    return { body, diagnostics };
}

class JsonReader {
    private i = 0;
    private depth = 0;
    private readonly maxDepth: number;
    private depthReported = false;

    constructor(
        private readonly text: string,
        private readonly file: string,
        private readonly src: SourceText,
        private readonly diagnostics: Diagnostic[],
        options: ParseOptions,
    ) {
        this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
        this.maxDiagnostics = options.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS;
        if (text.charCodeAt(0) === 0xfeff) this.i = 1;
    }

    private readonly maxDiagnostics: number;

    private error(summary: string, detail: string, start: number, end: number): void {
        if (this.diagnostics.length >= this.maxDiagnostics) return;
        this.diagnostics.push({ severity: "error", summary, detail, file: this.file, range: this.src.span(start, end) });
    }

    readDocument(): JValue | undefined {
        this.skipSpace();
        if (this.i >= this.text.length) {
            this.error("Empty JSON file", "A Terraform JSON file must contain an object.", this.i, this.i);
            return undefined;
        }
        const value = this.value();
        this.skipSpace();
        if (this.i < this.text.length) this.error("Extraneous data after value", "Extra characters appear after the JSON value.", this.i, Math.min(this.text.length, this.i + 1));
        return value;
    }

    private skipSpace(): void {
        const text = this.text;
        while (this.i < text.length) {
            const c = text.charCodeAt(this.i);
            if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
            else break;
        }
    }

    private value(): JValue {
        this.skipSpace();
        const start = this.i;
        const c = this.text.charCodeAt(start);
        if (c === 123 || c === 91) {
            if (this.depth >= this.maxDepth) {
                if (!this.depthReported) {
                    this.depthReported = true;
                    this.error("Nesting too deep", `JSON values may nest at most ${this.maxDepth} levels deep.`, start, start + 1);
                }
                this.skipGroup();
                return { kind: "invalid", start, end: this.i };
            }
            this.depth++;
            const v = c === 123 ? this.object() : this.array();
            this.depth--;
            return v;
        }
        if (c === 34) return this.string();
        if (c === 45 || (c >= 48 && c <= 57)) {
            const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
            m.lastIndex = start;
            const found = m.exec(this.text);
            if (found && found[0] !== "-") {
                this.i = start + found[0].length;
                return { kind: "number", raw: found[0], start, end: this.i };
            }
        }
        for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
            if (this.text.startsWith(word, start)) {
                this.i = start + word.length;
                return { kind: "literal", value, start, end: this.i };
            }
        }
        const end = Math.min(this.text.length, start + 1);
        this.error("Invalid JSON value", start >= this.text.length ? "A value is required here, but the file ends." : "A JSON value (object, array, string, number, true, false or null) is expected here.", start, end);
        if (start < this.text.length && c !== 125 && c !== 93 && c !== 44 && c !== 58) this.i = end;
        return { kind: "invalid", start, end };
    }

    /** Skips a bracketed group without building it (used past the depth limit), counting brackets outside strings. */
    private skipGroup(): void {
        const text = this.text;
        let level = 0;
        while (this.i < text.length) {
            const c = text.charCodeAt(this.i);
            if (c === 34) {
                this.string();
                continue;
            }
            this.i++;
            if (c === 123 || c === 91) level++;
            else if (c === 125 || c === 93) {
                if (--level === 0) return;
            }
        }
    }

    private object(): JValue {
        const start = this.i++;
        const props: JProp[] = [];
        this.skipSpace();
        if (this.text.charCodeAt(this.i) === 125) {
            this.i++;
            return { kind: "object", props, start, end: this.i };
        }
        while (this.i < this.text.length) {
            this.skipSpace();
            if (this.text.charCodeAt(this.i) !== 34) {
                this.error("Invalid JSON object key", "A property name in double quotes is expected here.", this.i, Math.min(this.text.length, this.i + 1));
                if (!this.recover(125)) break;
                continue;
            }
            const key = this.string();
            this.skipSpace();
            if (this.text.charCodeAt(this.i) !== 58) {
                this.error("Missing property value colon", "A colon must appear between an object property's name and its value.", this.i, Math.min(this.text.length, this.i + 1));
                if (!this.recover(125)) break;
                continue;
            }
            this.i++;
            const before = this.i;
            const value = this.value();
            props.push({ key, value });
            this.skipSpace();
            const c = this.text.charCodeAt(this.i);
            if (c === 44) {
                this.i++;
                this.skipSpace();
                if (this.text.charCodeAt(this.i) === 125) {
                    this.error("Trailing comma in object", "JSON does not permit a trailing comma after the last property.", this.i - 1, this.i);
                    this.i++;
                    return { kind: "object", props, start, end: this.i };
                }
                continue;
            }
            if (c === 125) {
                this.i++;
                return { kind: "object", props, start, end: this.i };
            }
            if (this.i < this.text.length && (value.kind !== "invalid" || this.i === before)) {
                this.error("Missing comma", "A comma must separate the properties of an object.", this.i, Math.min(this.text.length, this.i + 1));
            }
            if (!this.recover(125)) break;
        }
        if (this.text.charCodeAt(this.i) === 125) {
            this.i++;
            return { kind: "object", props, start, end: this.i };
        }
        this.error("Unclosed object", "There is no closing brace for this object.", start, start + 1);
        return { kind: "object", props, start, end: this.i };
    }

    private array(): JValue {
        const start = this.i++;
        const items: JValue[] = [];
        this.skipSpace();
        if (this.text.charCodeAt(this.i) === 93) {
            this.i++;
            return { kind: "array", items, start, end: this.i };
        }
        while (this.i < this.text.length) {
            const before = this.i;
            items.push(this.value());
            this.skipSpace();
            const c = this.text.charCodeAt(this.i);
            if (c === 44) {
                this.i++;
                continue;
            }
            if (c === 93) {
                this.i++;
                return { kind: "array", items, start, end: this.i };
            }
            if (this.i !== before) this.error("Missing comma", "A comma must separate the elements of an array.", this.i, Math.min(this.text.length, this.i + 1));
            if (!this.recover(93)) break;
        }
        if (this.text.charCodeAt(this.i) === 93) {
            this.i++;
            return { kind: "array", items, start, end: this.i };
        }
        this.error("Unclosed array", "There is no closing bracket for this array.", start, start + 1);
        return { kind: "array", items, start, end: this.i };
    }

    /**
     * Skips to the next `,` (consumed; returns true to read another item) or the closer `close`
     * of the current container (not consumed; returns false), jumping over nested groups.
     */
    private recover(close: number): boolean {
        const text = this.text;
        let level = 0;
        while (this.i < text.length) {
            const c = text.charCodeAt(this.i);
            if (c === 34) {
                this.string();
                continue;
            }
            if (level === 0 && c === 44) {
                this.i++;
                return true;
            }
            if (level === 0 && (c === close || c === 125 || c === 93)) return false;
            if (c === 123 || c === 91) level++;
            else if (c === 125 || c === 93) level--;
            this.i++;
        }
        return false;
    }

    private string(): Extract<JValue, { kind: "string" }> {
        const text = this.text;
        const start = this.i;
        let i = start + 1;
        const n = text.length;
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c === 34 || c === 92 || c < 32) break;
            i++;
        }
        if (text.charCodeAt(i) === 34) {
            this.i = i + 1;
            return { kind: "string", value: text.slice(start + 1, i), start, end: this.i, map: null };
        }
        // Slow path: escapes (and a map from decoded to raw indexes) or an error.
        const out: string[] = [];
        const map: number[] = [];
        for (let k = start + 1; k < i; k++) map.push(k - start - 1);
        out.push(text.slice(start + 1, i));
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c === 34) break;
            if (c === 10 || c === 13) {
                break;
            }
            if (c < 32) {
                this.error("Invalid character in string", "Control characters must be escaped in JSON strings.", i, i + 1);
            }
            if (c !== 92) {
                out.push(text[i]);
                map.push(i - start - 1);
                i++;
                continue;
            }
            const d = text.charCodeAt(i + 1);
            const simple: Record<number, string> = { 34: '"', 92: "\\", 47: "/", 98: "\b", 102: "\f", 110: "\n", 114: "\r", 116: "\t" };
            if (simple[d] !== undefined) {
                out.push(simple[d]);
                map.push(i - start - 1);
                i += 2;
                continue;
            }
            if (d === 117 && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
                out.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)));
                map.push(i - start - 1);
                i += 6;
                continue;
            }
            this.error("Invalid escape sequence", "This is not a valid JSON string escape.", i, Math.min(n, i + 2));
            out.push(text.slice(i, i + 2));
            map.push(i - start - 1, i - start);
            i = Math.min(n, i + 2);
        }
        map.push(i - start - 1);
        if (text.charCodeAt(i) === 34) this.i = i + 1;
        else {
            this.error("Unterminated string", "There is no closing quote for this string on the same line.", start, i);
            this.i = i;
        }
        return { kind: "string", value: out.join(""), start, end: this.i, map: Int32Array.from(map) };
    }
}

class TfJsonConverter {
    constructor(
        private readonly file: string,
        private readonly src: SourceText,
        private readonly diagnostics: Diagnostic[],
        private readonly options: TfJsonOptions,
    ) {}

    range(v: { start: number; end: number }): Range {
        return this.src.span(v.start, v.end);
    }

    error(summary: string, detail: string, at: { start: number; end: number }, severity: "error" | "warning" = "error"): void {
        if (this.diagnostics.length >= (this.options.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS)) return;
        this.diagnostics.push({ severity, summary, detail, file: this.file, range: this.range(at) });
    }

    body(obj: Extract<JValue, { kind: "object" }>, schema: BodySchema, context: { blockType: string; labels: string[] } | undefined, path: string[]): Body {
        const attributes: Attribute[] = [];
        const blocks: Block[] = [];
        const seen = new Set<string>();
        for (const prop of obj.props) {
            const name = prop.key.value;
            if (name === "//") continue;
            let blockSchema: BlockSchema | undefined = Object.prototype.hasOwnProperty.call(schema.blocks, name) ? schema.blocks[name] : undefined;
            if (!blockSchema && schema.open && context && this.options.isNestedBlock?.(context, path, name)) blockSchema = block(0, nestedBody);
            if (blockSchema) {
                this.blocks(prop, blockSchema, [], prop.value, blocks, context, path);
                continue;
            }
            if (schema === ROOT) {
                this.error("Unsupported block type", `Blocks of type "${name}" are not expected at the top level of a Terraform JSON file.`, prop.key);
                continue;
            }
            if (seen.has(name)) {
                this.error("Duplicate argument", `The argument "${name}" was already set in this object. Each argument may be set only once.`, prop.key);
            }
            seen.add(name);
            const nameRange = this.range(prop.key);
            const expression = schema.expressions?.has(name) ? this.nakedExpression(prop.value) : this.expression(prop.value);
            attributes.push({ type: "Attribute", name, nameRange, expression, range: join(nameRange, expression.range) });
        }
        return { type: "Body", attributes, blocks, range: this.range(obj) };
    }

    /** Expands one JSON property into blocks: label levels are nested objects; a body may be an array of objects. */
    private blocks(
        typeProp: JProp,
        schema: BlockSchema,
        labels: JProp["key"][],
        value: JValue,
        out: Block[],
        context: { blockType: string; labels: string[] } | undefined,
        path: string[],
    ): void {
        if (value.kind === "array") {
            for (const item of value.items) this.blocks(typeProp, schema, labels, item, out, context, path);
            return;
        }
        if (value.kind !== "object") {
            this.error(
                "Incorrect JSON value type",
                `Either a JSON object or a JSON array of objects is required here, describing ${labels.length < schema.labels ? "the block's labels" : "the block's body"}.`,
                value,
            );
            return;
        }
        if (labels.length < schema.labels) {
            for (const prop of value.props) {
                if (prop.key.value === "//") continue;
                this.blocks(typeProp, schema, [...labels, prop.key], prop.value, out, context, path);
            }
            return;
        }
        const blockType = typeProp.key.value;
        const labelValues = labels.map((l) => l.value);
        const innerContext = context ?? { blockType, labels: labelValues };
        const body = this.body(value, schema.body(), innerContext, context ? [...path, blockType] : []);
        const typeRange = this.range(typeProp.key);
        const blockLabels: BlockLabel[] = labels.map((l) => ({ type: "BlockLabel", value: l.value, quoted: true, range: this.range(l) }));
        out.push({
            type: "Block",
            blockType,
            typeRange,
            labels: blockLabels,
            openBraceRange: this.range({ start: value.start, end: value.start + 1 }),
            closeBraceRange: this.range({ start: Math.max(value.start, value.end - 1), end: value.end }),
            body,
            range: join(typeRange, body.range),
        });
    }

    expression(value: JValue): Expression {
        switch (value.kind) {
            case "string":
                return this.template(value);
            case "number":
                return { type: "Literal", value: Number(value.raw), raw: value.raw, range: this.range(value) };
            case "literal":
                return { type: "Literal", value: value.value, range: this.range(value) };
            case "array":
                return { type: "Tuple", items: value.items.map((item) => this.expression(item)), range: this.range(value) };
            case "object": {
                const items: ObjectItem[] = [];
                for (const prop of value.props) {
                    const key = this.template(prop.key);
                    const v = this.expression(prop.value);
                    items.push({ type: "ObjectItem", key, value: v, range: join(key.range, v.range) });
                }
                return { type: "Object", items, range: this.range(value) };
            }
            case "invalid":
                return { type: "Invalid", range: this.range(value) };
        }
    }

    /** A JSON string is a template: `${...}` and `%{...}` sequences are parsed with the native template parser. */
    private template(value: Extract<JValue, { kind: "string" }>): Template {
        const range = this.range(value);
        const s = value.value;
        if (s.indexOf("${") < 0 && s.indexOf("%{") < 0) {
            const parts: Template["parts"] = s.length === 0 ? [] : [{ type: "TemplateLiteral", value: s, range: this.innerRange(value) }];
            return { type: "Template", kind: "bare", parts, range };
        }
        const window = new StringWindow(this.src, value.start + 1, value.map);
        const parser = new Parser(s, this.file, window, "template", this.options, this.diagnostics);
        const template = parser.parseBareTemplate();
        template.range = range;
        return template;
    }

    private innerRange(value: { start: number; end: number }): Range {
        return this.range({ start: value.start + 1, end: Math.max(value.start + 1, value.end - 1) });
    }

    /** Strings that Terraform reads as expressions (`"depends_on": ["aws_s3_bucket.b"]`). */
    private nakedExpression(value: JValue): Expression {
        if (value.kind === "array") return { type: "Tuple", items: value.items.map((item) => this.nakedExpression(item)), range: this.range(value) };
        if (value.kind !== "string") return this.expression(value);
        const window = new StringWindow(this.src, value.start + 1, value.map);
        const parser = new Parser(value.value, this.file, window, "native", this.options, this.diagnostics);
        return parser.parseStandaloneExpression();
    }
}
