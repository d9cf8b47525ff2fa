/**
 * Evaluates a parsed template the way CloudFormation would resolve it before creating anything:
 * parameters (overrides, then defaults), Conditions, Mappings, `AWS::NoValue`, and the intrinsic
 * functions that can be worked out statically. Everything that only exists once deployed (a
 * resource's `Ref` or `GetAtt`, `Fn::ImportValue`, SSM parameter types, most pseudo parameters) is
 * unknown, and a reference to a resource is recorded as a graph edge. Never executes or fetches.
 */
import type { Scalar, SourceLocation, Value } from "../catalog/model";
import { type CfnEntry, type CfnNode, Lines, type ParseDiagnostic, TemplateSpan, entry } from "./parse";

export interface EvaluateOptions {
    /** Parameter values given by the user (`--parameter`, a parameters file, a parent stack). */
    parameters?: Readonly<Record<string, string | Value>>;
    /** Region the template is deployed to, when known: `AWS::Region` and the partition follow from it. */
    region?: string;
}

/** One resource of an evaluated template. */
export interface EvaluatedResource {
    logicalId: string;
    type: string;
    /** The resource's properties (CloudFormation names), `AWS::NoValue` removed. */
    props: Extract<Value, { kind: "map" }>;
    /** References to other resources of the template, at dotted paths of property names. */
    refs: Array<{ path: string; to: string }>;
    /** The logical id's own line (the resource's header). */
    header: SourceLocation;
    /** The whole resource (its key to the end of its body). */
    block: SourceLocation;
    /** `Metadata` as plain data (suppressions, `aws:cdk:path`). */
    metadata: unknown;
    /** The resource's node, for nested stack and diagnostics positions. */
    node: CfnNode;
}

export interface EvaluatedTemplate {
    resources: EvaluatedResource[];
    diagnostics: ParseDiagnostic[];
}

/** Marker for `AWS::NoValue`: removes the property or list item holding it. */
const NO_VALUE: Value = { kind: "unknown", reason: "AWS::NoValue" };

type Condition = boolean | undefined;

const PSEUDO = new Set(["AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"]);

function partitionOf(region: string): { partition: string; suffix: string } {
    if (region.startsWith("cn-")) return { partition: "aws-cn", suffix: "amazonaws.com.cn" };
    if (region.startsWith("us-gov-")) return { partition: "aws-us-gov", suffix: "amazonaws.com" };
    if (region.startsWith("us-iso-")) return { partition: "aws-iso", suffix: "c2s.ic.gov" };
    if (region.startsWith("us-isob-")) return { partition: "aws-iso-b", suffix: "sc2s.sgov.gov" };
    return { partition: "aws", suffix: "amazonaws.com" };
}

/** Evaluates a template; `file` locates every value. */
export function evaluateTemplate(tree: CfnNode, file: string, lines: Lines, options: EvaluateOptions = {}): EvaluatedTemplate {
    return new Evaluator(tree, file, lines, options).run();
}

class Evaluator {
    private readonly diagnostics: ParseDiagnostic[] = [];
    private readonly params = new Map<string, Value>();
    private readonly resourceIds = new Set<string>();
    private readonly conditionNodes = new Map<string, CfnNode>();
    private readonly conditions = new Map<string, Condition | "evaluating">();
    private readonly mappings: CfnNode | undefined;
    /** Refs of the property being evaluated. */
    private refs: Array<{ path: string; to: string }> = [];

    constructor(
        private readonly tree: CfnNode,
        private readonly file: string,
        private readonly lines: Lines,
        private readonly options: EvaluateOptions,
    ) {
        this.mappings = entry(tree, "Mappings")?.value;
    }

    private loc(start: number, end: number): SourceLocation {
        return new TemplateSpan(this.file, this.lines, start, end);
    }

    private diag(severity: ParseDiagnostic["severity"], summary: string, detail: string, node: { start: number; end: number }): void {
        this.diagnostics.push({ severity, summary, detail, start: node.start, end: node.end });
    }

    run(): EvaluatedTemplate {
        const resourcesNode = entry(this.tree, "Resources")?.value;
        if (resourcesNode?.kind === "map") for (const e of resourcesNode.entries) this.resourceIds.add(e.key);
        this.readParameters();
        const conds = entry(this.tree, "Conditions")?.value;
        if (conds?.kind === "map") for (const e of conds.entries) this.conditionNodes.set(e.key, e.value);
        const transform = entry(this.tree, "Transform");
        if (transform) {
            const names = transform.value.kind === "seq" ? transform.value.items : [transform.value];
            for (const n of names) {
                const name = n.kind === "scalar" ? String(n.value) : "a macro";
                if (name === "AWS::Serverless-2016-10-31" || name === "AWS::LanguageExtensions") continue;
                this.diag("warning", "Transform not expanded", `${name} is a macro; mlguard never runs macros, so the template is scanned as written.`, n);
            }
        }
        const resources: EvaluatedResource[] = [];
        if (resourcesNode === undefined) {
            this.diag("error", "No Resources", "A template must have a Resources section.", this.tree);
        } else if (resourcesNode.kind !== "map") {
            this.diag("error", "Invalid Resources", "Resources must be a map of logical ids to resources.", resourcesNode);
        } else {
            for (const e of resourcesNode.entries) {
                const r = this.resource(e);
                if (r) resources.push(r);
            }
        }
        return { resources, diagnostics: this.diagnostics };
    }

    private readParameters(): void {
        const node = entry(this.tree, "Parameters")?.value;
        if (node?.kind !== "map") return;
        for (const e of node.entries) {
            const typeNode = entry(e.value, "Type")?.value;
            const type = typeNode?.kind === "scalar" ? String(typeNode.value) : "String";
            const given = this.options.parameters?.[e.key];
            const source = this.loc(e.keyStart, e.value.end);
            if (type.startsWith("AWS::SSM::Parameter::Value")) {
                this.params.set(e.key, { kind: "unknown", source, reason: `parameter ${e.key} is read from SSM at deployment` });
                continue;
            }
            if (given !== undefined) {
                this.params.set(e.key, typeof given === "string" ? this.typed(given, type, source, { description: `parameter ${e.key} (given)` }) : given);
                continue;
            }
            const def = entry(e.value, "Default");
            if (def && def.value.kind === "scalar") {
                this.params.set(
                    e.key,
                    this.typed(String(def.value.value), type, this.loc(def.keyStart, def.value.end), { description: `parameter ${e.key} default`, location: this.loc(def.keyStart, def.value.end) }),
                );
                continue;
            }
            this.params.set(e.key, { kind: "unknown", source, reason: `parameter ${e.key} has no value` });
        }
    }

    private typed(raw: string, type: string, source: SourceLocation, origin: { description: string; location?: SourceLocation }): Value {
        if (type.startsWith("List<") || type === "CommaDelimitedList") {
            return { kind: "list", items: raw === "" ? [] : raw.split(",").map((s) => ({ kind: "scalar", value: s.trim(), source, origin })), source, origin };
        }
        if (type === "Number" && raw.trim() !== "" && Number.isFinite(Number(raw))) return { kind: "scalar", value: Number(raw), source, origin };
        return { kind: "scalar", value: raw, source, origin };
    }

    private resource(e: CfnEntry): EvaluatedResource | undefined {
        const header = this.loc(e.keyStart, e.keyStart + e.key.length);
        if (e.value.kind !== "map") {
            this.diag("error", "Invalid resource", `${e.key} must be a map with a Type.`, e.value);
            return undefined;
        }
        const typeNode = entry(e.value, "Type")?.value;
        if (typeNode?.kind !== "scalar" || typeof typeNode.value !== "string") {
            this.diag("error", "Resource without a Type", `${e.key} has no Type.`, { start: e.keyStart, end: e.keyStart + e.key.length });
            return undefined;
        }
        const cond = entry(e.value, "Condition")?.value;
        if (cond?.kind === "scalar" && typeof cond.value === "string" && this.condition(cond.value, cond) === false) return undefined;
        this.refs = [];
        const propsEntry = entry(e.value, "Properties");
        let props: Extract<Value, { kind: "map" }>;
        if (!propsEntry) props = { kind: "map", entries: {}, source: header };
        else {
            const v = this.value(propsEntry.value, "");
            props = v.kind === "map" ? v : { kind: "map", entries: {}, source: this.loc(propsEntry.keyStart, propsEntry.value.end) };
            if (v.kind !== "map" && v !== NO_VALUE && !(v.kind === "scalar" && v.value === null)) this.diag("error", "Invalid Properties", `${e.key}'s Properties must be a map.`, propsEntry.value);
        }
        const refs = this.refs;
        this.refs = [];
        const metaNode = entry(e.value, "Metadata")?.value;
        return {
            logicalId: e.key,
            type: typeNode.value,
            props,
            refs,
            header,
            block: this.loc(e.keyStart, e.value.end),
            metadata: metaNode ? plain(metaNode) : undefined,
            node: e.value,
        };
    }

    /** A condition by name: true, false, or undefined when it depends on something unknown. */
    private condition(name: string, at: { start: number; end: number }): Condition {
        const cached = this.conditions.get(name);
        if (cached === "evaluating") {
            this.diag("error", "Circular condition", `Condition ${name} depends on itself.`, at);
            return undefined;
        }
        if (cached !== undefined || this.conditions.has(name)) return cached as Condition;
        const node = this.conditionNodes.get(name);
        if (!node) {
            this.diag("error", "Unknown condition", `No condition named ${name} in Conditions.`, at);
            this.conditions.set(name, undefined);
            return undefined;
        }
        this.conditions.set(name, "evaluating");
        const result = this.truth(this.value(node, "", true), node);
        this.conditions.set(name, result);
        return result;
    }

    private truth(v: Value, at: { start: number; end: number }): Condition {
        if (v.kind === "scalar") {
            if (typeof v.value === "boolean") return v.value;
            if (v.value === "true") return true;
            if (v.value === "false") return false;
        }
        if (v.kind === "unknown") return undefined;
        this.diag("error", "Invalid condition", "A condition must evaluate to true or false.", at);
        return undefined;
    }

    private unknown(node: CfnNode, reason: string): Value {
        return { kind: "unknown", source: this.loc(node.start, node.end), reason };
    }

    /** Evaluates a node; `path` is the dotted property path (for references). */
    private value(node: CfnNode, path: string, inCondition = false, fixedPath = false, at?: SourceLocation): Value {
        switch (node.kind) {
            case "scalar":
                return { kind: "scalar", value: node.value, source: at ?? this.loc(node.start, node.end) };
            case "seq": {
                const items: Value[] = [];
                node.items.forEach((item) => {
                    const v = this.value(item, fixedPath ? path : `${path === "" ? "" : path + "."}${items.length}`, inCondition, fixedPath);
                    if (v !== NO_VALUE) items.push(v);
                });
                return { kind: "list", items, source: at ?? this.loc(node.start, node.end) };
            }
            case "map": {
                if (isIntrinsic(node, inCondition)) {
                    const v = this.intrinsic(node.entries[0].key, node.entries[0].value, node, path, inCondition);
                    return at && v !== NO_VALUE ? relocate(v, at) : v;
                }
                const entries: Record<string, Value> = {};
                for (const e of node.entries) {
                    const childPath = fixedPath ? path : path === "" ? e.key : `${path}.${e.key}`;
                    // A property is located from its key, so its finding is on the property's own line.
                    const v = this.value(e.value, childPath, inCondition, fixedPath, this.loc(e.keyStart, e.value.end));
                    if (v === NO_VALUE) continue;
                    entries[e.key] = v;
                }
                return { kind: "map", entries, source: at ?? this.loc(node.start, node.end) };
            }
        }
    }

    private args(fn: string, arg: CfnNode, min: number, at: CfnNode): CfnNode[] | undefined {
        if (arg.kind !== "seq" || arg.items.length < min) {
            this.diag("error", `Invalid ${fn}`, `${fn} takes a list of at least ${min} values.`, at);
            return undefined;
        }
        return arg.items;
    }

    private addRef(path: string, to: string): void {
        if (!this.refs.some((r) => r.path === path && r.to === to)) this.refs.push({ path, to });
    }

    private intrinsic(fn: string, arg: CfnNode, node: CfnNode, path: string, inCondition: boolean): Value {
        const source = this.loc(node.start, node.end);
        switch (fn) {
            case "Ref": {
                if (arg.kind !== "scalar" || typeof arg.value !== "string") {
                    this.diag("error", "Invalid Ref", "Ref takes the name of a parameter, resource or pseudo parameter.", arg);
                    return this.unknown(node, "invalid Ref");
                }
                return this.ref(arg.value, node, path);
            }
            case "Condition": {
                if (arg.kind !== "scalar" || typeof arg.value !== "string") return this.unknown(node, "invalid Condition");
                const c = this.condition(arg.value, arg);
                return c === undefined ? this.unknown(node, `condition ${arg.value} is not known`) : { kind: "scalar", value: c, source };
            }
            case "Fn::GetAtt": {
                const parts = arg.kind === "seq" ? arg.items : arg.kind === "scalar" && typeof arg.value === "string" ? [arg] : [];
                const first = parts[0];
                const name = first?.kind === "scalar" && typeof first.value === "string" ? (parts.length === 1 ? first.value.split(".")[0] : first.value) : undefined;
                if (!name) {
                    this.diag("error", "Invalid Fn::GetAtt", "Fn::GetAtt takes a resource's logical id and an attribute name.", arg);
                    return this.unknown(node, "invalid Fn::GetAtt");
                }
                if (this.resourceIds.has(name)) this.addRef(path, name);
                else this.diag("error", "Unknown resource", `Fn::GetAtt names ${name}, which is not a resource of this template.`, arg);
                return { kind: "unknown", source, reason: `an attribute of ${name}, known once deployed` };
            }
            case "Fn::Sub":
                return this.sub(arg, node, path);
            case "Fn::Join": {
                const a = this.args(fn, arg, 2, node);
                if (!a) return this.unknown(node, "invalid Fn::Join");
                const delim = this.value(a[0], path, inCondition, true);
                const list = this.value(a[1], path, inCondition, true);
                if (delim.kind !== "scalar" || list.kind !== "list") return { kind: "unknown", source, reason: "joins computed values" };
                const parts: string[] = [];
                for (const item of list.items) {
                    if (item.kind !== "scalar") return { kind: "unknown", source, reason: "joins computed values" };
                    parts.push(String(item.value ?? ""));
                }
                return { kind: "scalar", value: parts.join(String(delim.value ?? "")), source };
            }
            case "Fn::Select": {
                const a = this.args(fn, arg, 2, node);
                if (!a) return this.unknown(node, "invalid Fn::Select");
                const index = this.value(a[0], path, inCondition, true);
                const list = this.value(a[1], path, inCondition, true);
                if (index.kind !== "scalar" || list.kind !== "list") return { kind: "unknown", source, reason: "selects from computed values" };
                const i = Number(index.value);
                if (!Number.isInteger(i) || i < 0 || i >= list.items.length) {
                    this.diag("error", "Fn::Select out of range", `Index ${String(index.value)} is not in a list of ${list.items.length}.`, node);
                    return this.unknown(node, "index out of range");
                }
                return list.items[i];
            }
            case "Fn::Split": {
                const a = this.args(fn, arg, 2, node);
                if (!a) return this.unknown(node, "invalid Fn::Split");
                const delim = this.value(a[0], path, inCondition, true);
                const str = this.value(a[1], path, inCondition, true);
                if (delim.kind !== "scalar" || str.kind !== "scalar") return { kind: "unknown", source, reason: "splits a computed value" };
                return { kind: "list", items: String(str.value ?? "").split(String(delim.value ?? "")).map((s) => ({ kind: "scalar" as const, value: s, source })), source };
            }
            case "Fn::FindInMap":
                return this.findInMap(arg, node, path, inCondition);
            case "Fn::If": {
                const a = this.args(fn, arg, 3, node);
                if (!a) return this.unknown(node, "invalid Fn::If");
                const name = a[0].kind === "scalar" && typeof a[0].value === "string" ? a[0].value : undefined;
                if (!name) return this.unknown(node, "invalid Fn::If");
                const c = this.condition(name, a[0]);
                if (c === true) return this.value(a[1], path, inCondition, true);
                if (c === false) return this.value(a[2], path, inCondition, true);
                // Either branch may apply: record both branches' references, know neither value.
                this.value(a[1], path, inCondition, true);
                this.value(a[2], path, inCondition, true);
                return { kind: "unknown", source, reason: `depends on condition ${name}` };
            }
            case "Fn::Equals": {
                const a = this.args(fn, arg, 2, node);
                if (!a) return this.unknown(node, "invalid Fn::Equals");
                const x = this.value(a[0], path, true, true);
                const y = this.value(a[1], path, true, true);
                if (x.kind !== "scalar" || y.kind !== "scalar") return { kind: "unknown", source, reason: "compares computed values" };
                return { kind: "scalar", value: String(x.value) === String(y.value), source };
            }
            case "Fn::And":
            case "Fn::Or": {
                const a = this.args(fn, arg, 1, node);
                if (!a) return this.unknown(node, `invalid ${fn}`);
                let unknown = false;
                for (const item of a) {
                    const t = this.truth(this.value(item, path, true, true), item);
                    if (t === undefined) unknown = true;
                    else if (fn === "Fn::And" && !t) return { kind: "scalar", value: false, source };
                    else if (fn === "Fn::Or" && t) return { kind: "scalar", value: true, source };
                }
                return unknown ? { kind: "unknown", source, reason: "depends on unknown conditions" } : { kind: "scalar", value: fn === "Fn::And", source };
            }
            case "Fn::Not": {
                const a = this.args(fn, arg, 1, node);
                if (!a) return this.unknown(node, "invalid Fn::Not");
                const t = this.truth(this.value(a[0], path, true, true), a[0]);
                return t === undefined ? { kind: "unknown", source, reason: "depends on an unknown condition" } : { kind: "scalar", value: !t, source };
            }
            case "Fn::Base64": {
                const v = this.value(arg, path, inCondition, true);
                return v.kind === "scalar" ? { kind: "scalar", value: Buffer.from(String(v.value ?? "")).toString("base64"), source } : { kind: "unknown", source, reason: "encodes a computed value" };
            }
            case "Fn::ImportValue":
                this.value(arg, path, inCondition, true);
                return { kind: "unknown", source, reason: "imported from another stack at deployment" };
            case "Fn::GetAZs":
                return { kind: "unknown", source, reason: "the region's availability zones, known at deployment" };
            case "Fn::Cidr":
                this.value(arg, path, inCondition, true);
                return { kind: "unknown", source, reason: "Fn::Cidr is not evaluated" };
            case "Fn::Transform":
                this.diag("warning", "Transform not expanded", "Fn::Transform runs a macro; mlguard never runs macros, so this value is unknown.", node);
                return { kind: "unknown", source, reason: "produced by a macro" };
            case "Fn::Length": {
                const v = this.value(arg, path, inCondition, true);
                return v.kind === "list" ? { kind: "scalar", value: v.items.length, source } : { kind: "unknown", source, reason: "the length of a computed list" };
            }
            default:
                this.value(arg, path, inCondition, true);
                this.diag("warning", "Unsupported intrinsic function", `${fn} is not evaluated; the value is unknown.`, node);
                return { kind: "unknown", source, reason: `${fn} is not evaluated` };
        }
    }

    private ref(name: string, node: CfnNode, path: string): Value {
        const source = this.loc(node.start, node.end);
        if (name === "AWS::NoValue") return NO_VALUE;
        const param = this.params.get(name);
        if (param) return relocate(param, source, param.origin);
        if (this.resourceIds.has(name)) {
            this.addRef(path, name);
            return { kind: "unknown", source, reason: `${name}, known once deployed` };
        }
        if (PSEUDO.has(name)) {
            const region = this.options.region;
            if (region) {
                const { partition, suffix } = partitionOf(region);
                if (name === "AWS::Region") return { kind: "scalar", value: region, source };
                if (name === "AWS::Partition") return { kind: "scalar", value: partition, source };
                if (name === "AWS::URLSuffix") return { kind: "scalar", value: suffix, source };
            }
            return { kind: "unknown", source, reason: `pseudo parameter ${name}` };
        }
        this.diag("error", "Unresolved reference", `Ref ${name} names no parameter, resource or pseudo parameter.`, node);
        return { kind: "unknown", source, reason: `unresolved ${name}` };
    }

    private sub(arg: CfnNode, node: CfnNode, path: string): Value {
        const source = this.loc(node.start, node.end);
        let template: CfnNode | undefined = arg;
        const vars = new Map<string, Value>();
        if (arg.kind === "seq") {
            template = arg.items[0];
            const varNode = arg.items[1];
            if (varNode?.kind === "map") for (const e of varNode.entries) vars.set(e.key, this.value(e.value, path, false, true));
        }
        if (template?.kind !== "scalar" || typeof template.value !== "string") {
            this.diag("error", "Invalid Fn::Sub", "Fn::Sub takes a string, or a string and a map of variables.", arg);
            return this.unknown(node, "invalid Fn::Sub");
        }
        let known = true;
        const text = template.value.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
            if (inner.startsWith("!")) return "${" + inner.slice(1) + "}";
            const name = inner.trim();
            let v = vars.get(name);
            if (!v) {
                const dot = name.indexOf(".");
                if (dot > 0 && !name.startsWith("AWS::") && this.resourceIds.has(name.slice(0, dot))) {
                    this.addRef(path, name.slice(0, dot));
                    known = false;
                    return whole;
                }
                v = this.ref(name, template!, path);
            }
            if (v.kind !== "scalar") {
                known = false;
                return whole;
            }
            return String(v.value ?? "");
        });
        return known ? { kind: "scalar", value: text, source } : { kind: "unknown", source, reason: "substitutes computed values" };
    }

    private findInMap(arg: CfnNode, node: CfnNode, path: string, inCondition: boolean): Value {
        const a = this.args("Fn::FindInMap", arg, 3, node);
        if (!a) return this.unknown(node, "invalid Fn::FindInMap");
        const keys = a.slice(0, 3).map((k) => this.value(k, path, inCondition, true));
        const fallback = a[3] ? entry(a[3], "DefaultValue")?.value : undefined;
        if (keys.some((k) => k.kind !== "scalar")) return fallback ? this.value(fallback, path, inCondition, true) : this.unknown(node, "looks up computed keys");
        const [m, top, second] = keys.map((k) => String((k as { value: Scalar }).value));
        const found = entry(entry(entry(this.mappings, m)?.value, top)?.value, second)?.value;
        if (!found) {
            if (fallback) return this.value(fallback, path, inCondition, true);
            this.diag("error", "Mapping not found", `Mappings has no ${m}.${top}.${second}.`, node);
            return this.unknown(node, "mapping not found");
        }
        return this.value(found, path, inCondition, true);
    }
}

/** Whether a map node is an intrinsic function call (`Condition` only counts inside conditions). */
function isIntrinsic(node: Extract<CfnNode, { kind: "map" }>, inCondition: boolean): boolean {
    if (node.entries.length !== 1) return false;
    const key = node.entries[0].key;
    return key === "Ref" || key.startsWith("Fn::") || (inCondition && key === "Condition");
}

/** A value at another location (keeping its content), optionally with where it was decided. Written out: spreads are slow here. */
function relocate(v: Value, source: SourceLocation, origin?: Value["origin"]): Value {
    let out: Value;
    switch (v.kind) {
        case "scalar":
            out = { kind: "scalar", value: v.value, source };
            break;
        case "unknown":
            out = { kind: "unknown", source };
            if (v.reason !== undefined) out.reason = v.reason;
            break;
        case "list":
            out = { kind: "list", items: v.items, source };
            break;
        case "map":
            out = { kind: "map", entries: v.entries, source };
            break;
    }
    const o = origin ?? v.origin;
    if (o) out.origin = o;
    return out;
}

/** A node as plain data (intrinsics kept in their long form). */
export function plain(node: CfnNode): unknown {
    switch (node.kind) {
        case "scalar":
            return node.value;
        case "seq":
            return node.items.map(plain);
        case "map": {
            const out: Record<string, unknown> = {};
            for (const e of node.entries) out[e.key] = plain(e.value);
            return out;
        }
    }
}
