import type { Block, Body, Expression, Template, TemplatePart } from "./ast";

/** A JSON value as rendered by {@link toJsonView}. */
export type JsonViewValue = string | number | boolean | null | JsonViewValue[] | { [key: string]: JsonViewValue };

type JsonObject = { [key: string]: JsonViewValue };

/**
 * Renders a body the way hcl2json (the `hcl2-parser` npm package) does: blocks nest by type and
 * labels into arrays of bodies; literals, tuples, objects and templates are rendered as values;
 * any other expression becomes `"${source text}"`. Literal template text is escaped (`$${`, `%%{`)
 * so the view reads back as the same template, which hcl2json does not do.
 */
export function toJsonView(body: Body, text: string): JsonObject {
    // eslint-disable-next-line no-control-regex
    const ascii = !/[^\x00-\x7f]/.test(text);
    const bytes = ascii ? undefined : Buffer.from(text, "utf8");
    const source = (expr: { range: Expression["range"] }): string =>
        bytes ? bytes.toString("utf8", expr.range.start.offset, expr.range.end.offset) : text.slice(expr.range.start.offset, expr.range.end.offset);
    return new JsonViewRenderer(source).body(body);
}

class JsonViewRenderer {
    constructor(private readonly source: (node: { range: Expression["range"] }) => string) {}

    body(body: Body): JsonObject {
        const out: JsonObject = {};
        // hcl2json renders blocks first, so an attribute wins over a block of the same name.
        for (const block of body.blocks) this.block(block, out);
        for (const attr of body.attributes) out[attr.name] = this.expression(attr.expression);
        return out;
    }

    private block(block: Block, out: JsonObject): void {
        let target = out;
        let key = block.blockType;
        for (const label of block.labels) {
            const inner = target[key];
            if (inner === undefined) {
                const created: JsonObject = {};
                target[key] = created;
                target = created;
            } else if (typeof inner === "object" && inner !== null && !Array.isArray(inner)) target = inner;
            else return;
            key = label.value;
        }
        const value = this.body(block.body);
        const current = target[key];
        if (current === undefined) target[key] = [value];
        else if (Array.isArray(current)) current.push(value);
    }

    expression(expr: Expression): JsonViewValue {
        switch (expr.type) {
            case "Literal":
                return expr.value;
            case "Unary":
                if (expr.operand.type === "Literal") {
                    const v = expr.operand.value;
                    if (expr.operator === "-" && typeof v === "number") return -v;
                    if (expr.operator === "!" && typeof v === "boolean") return !v;
                }
                return this.wrap(expr);
            case "Template":
                if (expr.parts.length === 1 && expr.parts[0].type === "TemplateInterpolation") return this.expression(expr.parts[0].expression);
                return this.template(expr);
            case "Tuple":
                return expr.items.map((item) => this.expression(item));
            case "Object": {
                const out: JsonObject = {};
                for (const item of expr.items) out[this.key(item.key)] = this.expression(item.value);
                return out;
            }
            default:
                return this.wrap(expr);
        }
    }

    private wrap(expr: Expression): string {
        return "${" + this.source(expr) + "}";
    }

    private template(template: Template): string {
        return this.parts(template.parts);
    }

    private parts(parts: TemplatePart[]): string {
        let out = "";
        for (const part of parts) out += this.part(part);
        return out;
    }

    private part(part: TemplatePart): string {
        switch (part.type) {
            case "TemplateLiteral":
                return part.value.replace(/([$%])\{/g, "$1$1{");
            case "TemplateInterpolation":
                return this.stringPart(part.expression);
            case "TemplateIf": {
                const elseText = part.else ? this.parts(part.else) : "";
                return `%{if ${this.source(part.condition)}}${this.parts(part.then)}${elseText ? "%{else}" + elseText : ""}%{endif}`;
            }
            case "TemplateFor": {
                const key = part.keyVar ? part.keyVar.name + ", " : "";
                return `%{for ${key}${part.valueVar.name} in ${this.source(part.collection)}}${this.parts(part.body)}%{endfor}`;
            }
        }
    }

    private stringPart(expr: Expression): string {
        if (expr.type === "Literal") return formatLiteral(expr.value);
        if (expr.type === "Template") return this.template(expr);
        // hcl2json cannot tell `${c ? a : b}` from `%{if c}a%{else}b%{endif}` and renders both as the latter.
        if (expr.type === "Conditional") {
            const elseText = this.stringPart(expr.falseExpr);
            return `%{if ${this.source(expr.condition)}}${this.stringPart(expr.trueExpr)}${elseText ? "%{else}" + elseText : ""}%{endif}`;
        }
        return this.wrap(expr);
    }

    private key(key: Expression): string {
        if (isTraversal(key)) return this.source(key);
        return this.stringPart(key);
    }
}

/** A root variable followed by attribute or literal-index steps: hcl2json quotes these as written. */
function isTraversal(expr: Expression): boolean {
    for (;;) {
        if (expr.type === "Variable") return true;
        if (expr.type === "GetAttr") expr = expr.object;
        else if (expr.type === "Index" && expr.key.type === "Literal") expr = expr.collection;
        else return false;
    }
}

function formatLiteral(value: number | boolean | null): string {
    if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) >= 1e21) return BigInt(value).toString();
    return String(value);
}
