import type { Refinement, SourceLocation, TextMap, ValueOrigin } from "../../catalog/model";
import type { Expression, TemplatePart } from "../hcl/ast";
import type { Range } from "../hcl/source";
import { type Diagnostic, fileLocation } from "../diagnostics";
import { callFunction } from "./functions";
import { parseLocatedJson, textLocator } from "../../catalog/iam/located-json";
import {
    type TfUnknown,
    type TfValue,
    asBool,
    asNumber,
    asString,
    elements,
    equals,
    formatNumber,
    isNull,
    list,
    map,
    scalar,
    relocate,
    unknown,
    unknownAt,
    unknownFrom,
} from "./value";

/** One step of a traversal after its root name: `.name` or `[key]`. */
export type Step = GetAttr | IndexStep;
/** `.name`: the syntax node itself (nothing to evaluate). */
type GetAttr = Extract<Expression, { type: "GetAttr" }>;
/** `[key]`, its key evaluated. */
export interface IndexStep {
    type: "IndexStep";
    key: TfValue;
    range: Range;
}

/**
 * What a name resolves to. A value decided elsewhere (a variable, a local, a module output, a
 * resource) is shared by every reference to it: `relocate` asks the caller to copy it to the
 * reference's location (with `origin` where it has none) once the remaining steps are applied, so
 * `var.tags["a"]` copies one entry rather than the whole map.
 */
export interface Lookup {
    value: TfValue;
    consumed: number;
    relocate?: true;
    origin?: ValueOrigin;
}

/** What the module layer provides to expressions: names (`var`, `local`, resources…) and files. */
export interface EvalHost {
    /**
     * Resolves a root name and as many leading steps as it needs (`var.x` takes one, `data.t.n`
     * two). Returns undefined for a name it does not know.
     */
    lookup(root: string, steps: Step[], scope: Scope, range: Range): Lookup | undefined;
    /** Reads a file for `file()` / `templatefile()`, confined to the scan root; undefined plus a diagnostic when it cannot. */
    readFile(path: string, scope: Scope, range: Range): string | undefined;
    /** Reads a file's bytes (binary files too) for `filebase64()` and the file hashes, as {@link readFile} otherwise. */
    readFileBytes(path: string, scope: Scope, range: Range): Uint8Array | undefined;
    /** Whether a file exists inside the scan root. */
    fileExists(path: string): boolean;
    /** The scan-root-relative path a `file()` path names (where the locations of a `templatefile()`'s text point). */
    filePath(path: string): string | undefined;
    /**
     * The files under a directory (recursively, paths relative to it) for `fileset()`, confined to
     * the scan root; undefined plus a diagnostic when it cannot be listed.
     */
    listFiles(dir: string, scope: Scope, range: Range): string[] | undefined;
}

/** Where an expression is evaluated: its module instance, its file, local bindings, and a diagnostics sink. */
export interface Scope {
    host: EvalHost;
    file: string;
    /** Iterator bindings (`for`, `dynamic`, template `for`, `each`, `count`). */
    bindings: Bindings;
    diagnostics: Diagnostic[];
    /** Nesting depth of evaluation, so pathological input cannot overflow the stack. */
    depth: number;
}

const MAX_DEPTH = 500;
/** Longest list or string an evaluation may build (`range(1e9)` must not exhaust memory). */
export const MAX_ELEMENTS = 100_000;

/**
 * Iterator bindings as a chain of frames, innermost first. A frame is the record its block wrote
 * (`{ each: … }`, `{ v: …, k: … }`), never copied and never made a prototype: prototype chains
 * (one new prototype per `for` element) cost V8 a map transition per element.
 */
export class Bindings {
    constructor(
        private readonly vars: Readonly<Record<string, TfValue>> | undefined,
        private readonly parent: Bindings | undefined,
    ) {}

    /** The innermost binding of `name`, or undefined (names of `Object.prototype` are not bindings). */
    get(name: string): TfValue | undefined {
        for (let b: Bindings | undefined = this; b; b = b.parent) {
            if (b.vars !== undefined && Object.hasOwn(b.vars, name)) return b.vars[name];
        }
        return undefined;
    }
}

const NO_BINDINGS = new Bindings(undefined, undefined);

/** The empty root of {@link Scope.bindings}. */
export function noBindings(vars?: Readonly<Record<string, TfValue>>): Bindings {
    return vars ? new Bindings(vars, undefined) : NO_BINDINGS;
}

export function withBindings(scope: Scope, bindings: Record<string, TfValue>): Scope {
    return { host: scope.host, file: scope.file, bindings: new Bindings(bindings, scope.bindings), diagnostics: scope.diagnostics, depth: scope.depth };
}

export function locate(scope: Scope, range: Range): SourceLocation {
    return fileLocation(scope.file, range);
}

export function report(scope: Scope, severity: Diagnostic["severity"], summary: string, detail: string, range: Range): void {
    scope.diagnostics.push({ severity, summary, detail, file: scope.file, range });
}

/** An evaluation error: a diagnostic and an unknown value (Terraform would stop; we carry on). */
export function evalError(scope: Scope, summary: string, detail: string, range: Range, ...from: TfValue[]): TfValue {
    report(scope, "error", summary, detail, range);
    return unknownAt(locate(scope, range), `${summary}: ${detail}`, ...from);
}

/** Evaluates an expression. Never throws on user input. */
export function evaluate(e: Expression, scope: Scope): TfValue {
    // Evaluation is synchronous, so one counter bounds the nesting of every evaluation in progress
    // (locals, module outputs and templates included) without allocating a scope per node.
    if (nesting + scope.depth > MAX_DEPTH) return evalError(scope, "Expression too complex", "Evaluation nests too deeply.", e.range);
    nesting++;
    try {
        return evaluateNode(e, scope);
    } catch (err) {
        // A defect of ours, or a RangeError on pathological input: one diagnostic, never a crash.
        return evalError(scope, "Evaluation failed", err instanceof Error ? err.message : String(err), e.range);
    } finally {
        nesting--;
    }
}

let nesting = 0;

function evaluateNode(e: Expression, s: Scope): TfValue {
    const source = locate(s, e.range);
    switch (e.type) {
        case "Literal":
            return scalar(e.value, source);
        case "Template":
            return evalTemplate(e.parts, s, source, e.kind !== "bare" || e.parts.length === 1, e.heredoc?.indented === true);
        case "Parenthesized":
            return evaluate(e.expression, s);
        case "Tuple":
            return list(expandItems(e.items, s), source);
        case "Object": {
            const entries: Record<string, TfValue> = {};
            const unknownKeys: TfValue[] = [];
            for (const item of e.items) {
                const key = objectKey(item.key, s);
                const value = evaluate(item.value, s);
                if (key === undefined) continue;
                if (typeof key !== "string") {
                    unknownKeys.push(key, value);
                    continue;
                }
                entries[key] = value;
            }
            if (unknownKeys.length > 0) return unknownFrom(source, "an object key is computed", unknownKeys.concat(Object.values(entries)));
            return map(entries, source);
        }
        case "Variable":
        case "GetAttr":
        case "Index":
            return evalTraversal(e, s);
        case "SplatItem": {
            const item = s.bindings.get("\u0000splat");
            return item ?? evalError(s, "Invalid splat", "A splat placeholder outside a splat.", e.range);
        }
        case "Splat":
            return evalSplat(e, s, source);
        case "FunctionCall":
            return evalCall(e, s, source);
        case "For":
            return evalFor(e, s, source);
        case "Conditional": {
            const cond = evaluate(e.condition, s);
            if (cond.kind === "unknown") {
                const a = evaluate(e.trueExpr, s);
                const b = evaluate(e.falseExpr, s);
                return unknownAt(source, "the condition is computed", cond, a, b);
            }
            const b = asBool(cond);
            if (b === undefined) return evalError(s, "Incorrect condition type", "The condition must be a bool.", e.condition.range);
            // As in Terraform, a result chosen by a sensitive condition is sensitive.
            const chosen = evaluate(b ? e.trueExpr : e.falseExpr, s);
            return isSensitive(cond) ? markSensitive(chosen) : chosen;
        }
        case "Unary": {
            const v = evaluate(e.operand, s);
            const r = evalUnary(e, v, s, source);
            return isSensitive(v) ? markSensitive(r) : r;
        }
        case "Binary": {
            // An operation on a sensitive operand is sensitive (`var.port + 1`), as in Terraform.
            const left = evaluate(e.left, s);
            if (e.operator === "&&" || e.operator === "||") return evalLogical(e, s, source, left);
            const right = evaluate(e.right, s);
            const r = evalBinary(e, s, source, left, right);
            return isSensitive(left) || isSensitive(right) ? markSensitive(r) : r;
        }
        case "Invalid":
            return { kind: "unknown", reason: "the expression could not be parsed", source };
    }
}

/** An object key: a bare name is literal; anything else is evaluated. */
function objectKey(key: Expression, s: Scope): string | TfValue | undefined {
    if (key.type === "Variable") return key.name;
    if (key.type === "Template" && key.parts.every((p) => p.type === "TemplateLiteral")) {
        return key.parts.map((p) => (p as { value: string }).value).join("");
    }
    const v = evaluate(key, s);
    if (v.kind === "unknown") return v;
    const k = asString(v);
    if (k === undefined) {
        evalError(s, "Invalid object key", "An object key must be a string.", key.range);
        return undefined;
    }
    return k;
}

function expandItems(items: Expression[], s: Scope): TfValue[] {
    return items.map((i) => evaluate(i, s));
}

function evalTemplate(parts: TemplatePart[], s: Scope, source: SourceLocation, unwrapSingle: boolean, indented = false): TfValue {
    if (unwrapSingle && parts.length === 1 && parts[0].type === "TemplateInterpolation") {
        return evaluate(parts[0].expression, s);
    }
    const pieces: string[] = [];
    const unknowns: TfValue[] = [];
    // Only a template that opens like a JSON object can render a document: only then are pieces located.
    const document = opensLikeJsonObject(parts);
    const state: RenderState = { knownPieces: -1, sensitive: false, length: 0, anchors: document ? [] : undefined, structural: false, indented };
    renderParts(parts, s, pieces, unknowns, state);
    if (state.knownPieces < 0) state.knownPieces = pieces.length;
    if (unknowns.length > 0) {
        const u = unknownFrom(source, "the template interpolates a computed value", unknowns);
        // A template is a string, never null; the text before its first computed part is known, and so
        // is that part's own known start (`"${aws_s3_bucket.b.arn}/*"` starts with "arn:").
        const prefix = pieces.slice(0, state.knownPieces).join("") + (state.firstPrefix ?? "");
        u.refinement = prefix ? { notNull: true, prefix } : { notNull: true };
        // A JSON document written as a template (a heredoc policy with an interpolated ARN) keeps its
        // structure; not when a sensitive value went into it, which must never be echoed.
        if (state.anchors && !state.structural && !state.sensitive) {
            const partial = partialDocument(pieces.join(""), unknowns, state.anchors);
            if (partial) u.partial = partial;
        }
        return u;
    }
    const text = pieces.join("");
    const out = scalar(text, source);
    // Where each piece was written, so a JSON document inside a heredoc can be located element by element.
    if (out.kind === "scalar" && state.anchors) out.text = { anchors: state.anchors };
    return state.sensitive ? markSensitive(out) : out;
}

/** Whether the template's leading literal text starts, after white space, with `{`. */
function opensLikeJsonObject(parts: TemplatePart[]): boolean {
    let seen = 0;
    for (const p of parts) {
        if (p.type !== "TemplateLiteral") return false;
        for (let i = 0; i < p.value.length && seen < 256; i++, seen++) {
            const c = p.value.charCodeAt(i);
            if (c === 123) return true;
            if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
        }
    }
    return false;
}

/** The anchor of a literal rendered at offset `at`. Literals of `<<-` heredocs lost their indentation: `indent` puts it back. */
function literalAnchor(p: Extract<TemplatePart, { type: "TemplateLiteral" }>, s: Scope, indented: boolean, at: number): TextMap["anchors"][number] {
    const written = p.range.end.offset - p.range.start.offset;
    const anchor: TextMap["anchors"][number] = { at, location: locate(s, p.range) };
    // A one-line literal shorter than its source lost leading indentation (escapes aside).
    const nl = p.value.indexOf("\n");
    if (indented && written > p.value.length && (nl === -1 || nl === p.value.length - 1)) anchor.indent = written - p.value.length;
    return anchor;
}

interface RenderState {
    /** The number of pieces before the first computed part (-1 until one is met). */
    knownPieces: number;
    /** The known prefix of the first computed part, when it is an interpolation with one. */
    firstPrefix?: string;
    sensitive: boolean;
    /** Length of the text rendered so far, and where each piece of it was written (kept for templates that may be JSON documents). */
    length: number;
    anchors: TextMap["anchors"] | undefined;
    /** A computed `%{ if }` condition or `%{ for }` collection: the text's shape is not known, only some of its pieces. */
    structural: boolean;
    indented: boolean;
}

/** Marks the place of the `i`th computed interpolation in rendered text (private-use characters, never in a policy). */
const PLACEHOLDER_OPEN = "\uE000";
const PLACEHOLDER_CLOSE = "\uE001";
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/**
 * The JSON document a template renders, with each computed interpolation an unknown leaf: a string
 * that is exactly one interpolation is that value (refinement and all); a string holding one among
 * text is an unknown string with the text before it as its prefix. Undefined when the text is not
 * JSON with the interpolations inside strings (an interpolation outside a string, or in a key).
 */
function partialDocument(text: string, unknowns: TfValue[], anchors: TextMap["anchors"]): TfValue | undefined {
    const doc = parseLocatedJson(text, textLocator(text, { anchors })) as TfValue | undefined;
    if (!doc || (doc.kind !== "map" && doc.kind !== "list")) return undefined;
    const resolve = (v: TfValue, depth: number): TfValue | undefined => {
        if (v.kind === "scalar") {
            if (typeof v.value !== "string" || !v.value.includes(PLACEHOLDER_OPEN)) return v;
            const text = v.value;
            const whole = /^\uE000(\d+)\uE001$/.exec(text);
            if (whole) return { ...unknowns[Number(whole[1])], source: v.source };
            const from: TfValue[] = [];
            for (const m of text.matchAll(PLACEHOLDER)) from.push(unknowns[Number(m[1])]);
            const u = unknownFrom(v.source, "the string interpolates a computed value", from);
            const first = from[0];
            const prefix = text.slice(0, text.indexOf(PLACEHOLDER_OPEN)) + ((first.kind === "unknown" && first.refinement?.prefix) || "");
            u.refinement = prefix ? { notNull: true, prefix } : { notNull: true };
            return u;
        }
        if (depth > 64) return undefined;
        if (v.kind === "list") {
            const items: TfValue[] = [];
            for (const i of v.items) {
                const r = resolve(i, depth + 1);
                if (!r) return undefined;
                items.push(r);
            }
            return list(items, v.source);
        }
        if (v.kind === "map") {
            const entries: Record<string, TfValue> = {};
            for (const [k, e] of Object.entries(v.entries)) {
                if (k.includes(PLACEHOLDER_OPEN)) return undefined;
                const r = resolve(e, depth + 1);
                if (!r) return undefined;
                entries[k] = r;
            }
            return map(entries, v.source);
        }
        return v;
    };
    return resolve(doc, 0);
}

/** Records where the next `length` characters of the rendered text were written. */
function located(state: RenderState, anchor: TextMap["anchors"][number], length: number): void {
    state.anchors!.push(anchor);
    state.length += length;
}

/** Renders template parts; `state.knownPieces` becomes the number of pieces before the first computed part. */
function renderParts(parts: TemplatePart[], s: Scope, out: string[], unknowns: TfValue[], state: RenderState): void {
    for (const part of parts) {
        if (unknowns.length > 0 && state.knownPieces < 0) state.knownPieces = out.length;
        switch (part.type) {
            case "TemplateLiteral":
                if (state.anchors) located(state, literalAnchor(part, s, state.indented, state.length), part.value.length);
                out.push(part.value);
                break;
            case "TemplateInterpolation": {
                const v = evaluate(part.expression, s);
                if (v.kind === "unknown") {
                    if (state.knownPieces < 0) {
                        state.knownPieces = out.length;
                        state.firstPrefix = v.refinement?.prefix;
                    }
                    if (state.anchors) {
                        const placeholder = `${PLACEHOLDER_OPEN}${unknowns.length}${PLACEHOLDER_CLOSE}`;
                        located(state, { at: state.length, location: locate(s, part.range) }, placeholder.length);
                        out.push(placeholder);
                    }
                    unknowns.push(v);
                    break;
                }
                if (isSensitive(v)) state.sensitive = true;
                const text = asString(v);
                if (text === undefined) {
                    if (isNull(v)) evalError(s, "Invalid template interpolation value", "The value is null.", part.range);
                    else evalError(s, "Invalid template interpolation value", "Cannot include a collection in a string template.", part.range);
                    unknowns.push({ kind: "unknown" });
                    state.structural = true;
                    break;
                }
                if (state.anchors) located(state, { at: state.length, location: locate(s, part.range) }, text.length);
                out.push(text);
                break;
            }
            case "TemplateIf": {
                const cond = evaluate(part.condition, s);
                if (cond.kind === "unknown") {
                    unknowns.push(cond);
                    state.structural = true;
                    break;
                }
                const b = asBool(cond);
                if (b === undefined) {
                    evalError(s, "Invalid template condition", "The condition must be a bool.", part.range);
                    unknowns.push({ kind: "unknown" });
                    state.structural = true;
                    break;
                }
                renderParts(b ? part.then : part.else ?? [], s, out, unknowns, state);
                break;
            }
            case "TemplateFor": {
                const coll = evaluate(part.collection, s);
                if (coll.kind === "unknown") {
                    unknowns.push(coll);
                    state.structural = true;
                    break;
                }
                const els = elements(coll);
                if (!els) {
                    evalError(s, "Invalid template for", "The collection must be a list or a map.", part.range);
                    unknowns.push({ kind: "unknown" });
                    state.structural = true;
                    break;
                }
                for (const { key, value } of els) {
                    const b: Record<string, TfValue> = { [part.valueVar.name]: value };
                    if (part.keyVar) b[part.keyVar.name] = key;
                    renderParts(part.body, withBindings(s, b), out, unknowns, state);
                }
                break;
            }
        }
    }
}

/** Flattens `a.b[c].d` into its root and steps and resolves it. */
function evalTraversal(e: Expression, s: Scope): TfValue {
    let depth = 0;
    let node: Expression = e;
    while (node.type === "GetAttr" || node.type === "Index") {
        depth++;
        node = node.type === "GetAttr" ? node.object : node.collection;
    }
    // Steps in source order, filled from the last one (the outermost node) backwards.
    const evaluatedSteps: Step[] = new Array(depth);
    let st: Expression = e;
    for (let j = depth - 1; j >= 0; j--) {
        if (st.type === "GetAttr") {
            evaluatedSteps[j] = st;
            st = st.object;
        } else {
            const ix = st as Extract<Expression, { type: "Index" }>;
            evaluatedSteps[j] = { type: "IndexStep", key: evaluate(ix.key, s), range: ix.range };
            st = ix.collection;
        }
    }
    let value: TfValue;
    let consumed = 0;
    let found: Lookup | undefined;
    if (node.type === "Variable") {
        const bound = s.bindings.get(node.name);
        if (bound !== undefined) {
            value = bound;
        } else {
            found = s.host.lookup(node.name, evaluatedSteps, s, e.range);
            if (!found) return evalError(s, "Unknown name", `There is no variable named "${node.name}".`, node.range);
            value = found.value;
            consumed = found.consumed;
        }
    } else {
        value = evaluate(node, s);
    }
    for (let i = consumed; i < evaluatedSteps.length; i++) value = applyStep(value, evaluatedSteps[i], s);
    if (!found?.relocate) return value;
    const at = locate(s, e.range);
    // An unknown the last step just made is already located here (a reference to a resource attribute).
    if (value.kind === "unknown" && value.source === at && (found.origin === undefined || value.origin !== undefined)) return value;
    return relocate(value, at, found.origin);
}

/** Applies `.name` or `[key]` to a value. */
export function applyStep(value: TfValue, step: Step, s: Scope): TfValue {
    const source = locate(s, step.range);
    if (value.kind === "unknown") {
        const u: TfUnknown = { kind: "unknown", reason: value.reason ?? "computed", source };
        if (value.refs !== undefined) u.refs = value.refs;
        // `aws_iam_role.x.arn`: the attribute of one resource instance, which says what it can be.
        if (value.instance && step.type === "GetAttr") u.refinement = attributeRefinement(value.instance, step.name);
        return u;
    }
    if (step.type === "IndexStep" && step.key.kind === "unknown") return unknownAt(source, "the index is computed", value, step.key);
    if (isNull(value)) {
        return evalError(s, "Attempt to index a null value", "This value is null, so it has no attributes or elements.", step.range);
    }
    if (value.kind === "map") {
        const key = step.type === "GetAttr" ? step.name : asString(step.key);
        if (key === undefined) return evalError(s, "Invalid index", "A map key must be a string.", step.range);
        if (!Object.prototype.hasOwnProperty.call(value.entries, key)) {
            return evalError(s, step.type === "GetAttr" ? "Unsupported attribute" : "Invalid index", `The object has no element "${key}".`, step.range);
        }
        return value.entries[key];
    }
    if (value.kind === "list") {
        if (step.type === "GetAttr") {
            // Terraform rejects this; a reference through a list of resource instances still says which resources it means.
            return unknownAt(source, "an attribute of a list", value);
        }
        const n = asNumber(step.key);
        if (n === undefined || !Number.isInteger(n)) return evalError(s, "Invalid index", "A list index must be a whole number.", step.range);
        if (n < 0 || n >= value.items.length) {
            return evalError(s, "Invalid index", `The index ${n} is out of range for a list of ${value.items.length}.`, step.range, value);
        }
        return value.items[n];
    }
    return evalError(s, "Unsupported attribute", "A primitive value has no attributes or elements.", step.range);
}

/** Attributes that identify one resource (never null once created, never a wildcard or a public principal). */
const IDENTITY_ATTRIBUTES = new Set(["arn", "id", "name", "email", "unique_id", "member", "self_link", "key_id", "qualified_arn", "invoke_arn"]);

/** Attributes that hold an AWS ARN (`arn:aws:…`, `arn:aws-cn:…`, …) on every `aws_*` resource that has them. */
const ARN_ATTRIBUTES = new Set(["arn", "qualified_arn", "invoke_arn"]);

function attributeRefinement(instance: { address: string; type: string }, name: string): Refinement {
    const r: Refinement = { attribute: { address: instance.address, type: instance.type, name } };
    if (IDENTITY_ATTRIBUTES.has(name)) r.notNull = true;
    if (ARN_ATTRIBUTES.has(name) && instance.type.startsWith("aws_")) r.prefix = "arn:";
    return r;
}

function evalSplat(e: Extract<Expression, { type: "Splat" }>, s: Scope, source: SourceLocation): TfValue {
    const coll = evaluate(e.source, s);
    if (coll.kind === "unknown") return unknownAt(source, "the collection is computed", coll);
    if (isNull(coll)) return list([], source);
    const items = coll.kind === "list" ? coll.items : coll.kind === "map" && !e.full ? Object.values(coll.entries) : [coll];
    const out = items.map((item) => evaluate(e.each, withBindings(s, { "\u0000splat": item })));
    return list(out, source);
}

function evalCall(e: Extract<Expression, { type: "FunctionCall" }>, s: Scope, source: SourceLocation): TfValue {
    const name = e.name.startsWith("core::") ? e.name.slice("core::".length) : e.name;
    if (name === "try" || name === "can") return evalTryCan(name, e, s, source);
    let args = e.args.map((a) => evaluate(a, s));
    if (e.expandFinal && args.length > 0) {
        const last = args[args.length - 1];
        if (last.kind === "unknown") return unknownAt(source, "the expanded argument is computed", last);
        if (last.kind !== "list") return evalError(s, "Invalid expanding argument", "The argument after `...` must be a list.", e.range);
        args = [...args.slice(0, -1), ...last.items];
    }
    if (name.includes("::")) {
        report(s, "info", "Provider function not evaluated", `mlguard does not run provider-defined functions such as ${name}; its result is unknown.`, e.nameRange);
        return unknownFrom(source, `${name}() is a provider function`, args);
    }
    const result = callFunction(name, args, { scope: s, range: e.range, nameRange: e.nameRange, source });
    // A value computed from a sensitive one is sensitive too (`upper(var.password)`), as in Terraform.
    return args.some(isSensitive) ? markSensitive(result) : result;
}

/** `try` and `can` look at whether evaluating an argument raised errors, so they evaluate with their own sink. */
function evalTryCan(name: string, e: Extract<Expression, { type: "FunctionCall" }>, s: Scope, source: SourceLocation): TfValue {
    if (name === "can" && e.args.length !== 1) return evalError(s, "Invalid function call", "can() takes one argument.", e.range);
    if (name === "try" && e.args.length === 0) return evalError(s, "Invalid function call", "try() needs at least one argument.", e.range);
    for (const arg of e.args) {
        const sink: Diagnostic[] = [];
        const v = evaluate(arg, { ...s, diagnostics: sink });
        const failed = sink.some((d) => d.severity === "error");
        if (!failed) {
            // Notes and warnings from the branch that was taken still matter.
            for (const d of sink) s.diagnostics.push(d);
            if (name === "can") return v.kind === "unknown" ? unknownAt(source, "computed", v) : scalar(true, source);
            // An unknown argument might still fail once known, so the result is unknown as well; but an
            // attribute of a resource instance that exists is only waiting for apply, and it stays itself.
            return v.kind === "unknown" && !v.refinement?.attribute ? unknownAt(source, "the first argument of try() is computed", v) : v;
        }
        if (name === "can") return scalar(false, source);
    }
    return evalError(s, "No try() argument succeeded", "Every argument of try() failed to evaluate.", e.range);
}

function evalFor(e: Extract<Expression, { type: "For" }>, s: Scope, source: SourceLocation): TfValue {
    const coll = evaluate(e.collection, s);
    if (coll.kind === "unknown") return unknownAt(source, "the collection is computed", coll);
    const els = elements(coll);
    if (!els) return evalError(s, "Iteration over a non-collection", "A `for` needs a list, set, map or object.", e.collection.range);
    const isObject = e.keyExpr !== null;
    const items: TfValue[] = [];
    const entries: Record<string, TfValue> = {};
    const grouped: Record<string, TfValue[]> = {};
    const unknowns: TfValue[] = [];
    for (const { key, value } of els) {
        const b: Record<string, TfValue> = { [e.valueVar.name]: value };
        if (e.keyVar) b[e.keyVar.name] = key;
        const inner = withBindings(s, b);
        if (e.condition) {
            const c = evaluate(e.condition, inner);
            if (c.kind === "unknown") {
                unknowns.push(c, evaluate(e.valueExpr, inner));
                continue;
            }
            const cb = asBool(c);
            if (cb === undefined) return evalError(s, "Invalid for condition", "The condition must be a bool.", e.condition.range);
            if (!cb) continue;
        }
        const v = evaluate(e.valueExpr, inner);
        if (!isObject) {
            items.push(v);
            continue;
        }
        const k = evaluate(e.keyExpr!, inner);
        if (k.kind === "unknown") {
            unknowns.push(k, v);
            continue;
        }
        const ks = asString(k);
        if (ks === undefined) return evalError(s, "Invalid object key", "A key must be a string.", e.keyExpr!.range);
        if (e.grouping) (grouped[ks] ??= []).push(v);
        else {
            if (Object.prototype.hasOwnProperty.call(entries, ks)) {
                return evalError(s, "Duplicate object key", `Two elements produce the key "${ks}"; use \`...\` to group them.`, e.keyExpr!.range);
            }
            entries[ks] = v;
        }
    }
    if (unknowns.length > 0) {
        const u = unknownFrom(source, "a `for` condition or key is computed", unknowns.concat(items, Object.values(entries)));
        // At most one element per input element; a list keeps at least those whose condition is known true.
        u.refinement = isObject ? { notNull: true, maxLength: els.length } : { notNull: true, minLength: items.length, maxLength: els.length };
        return u;
    }
    if (!isObject) return list(items, source);
    if (e.grouping) for (const k of Object.keys(grouped)) entries[k] = list(grouped[k], source);
    return map(entries, source);
}

function evalUnary(e: Extract<Expression, { type: "Unary" }>, v: TfValue, s: Scope, source: SourceLocation): TfValue {
    if (v.kind === "unknown") return unknownAt(source, "the operand is computed", v);
    if (e.operator === "!") {
        const b = asBool(v);
        return b === undefined ? evalError(s, "Invalid operand", "`!` needs a bool.", e.range) : scalar(!b, source);
    }
    const n = asNumber(v);
    return n === undefined ? evalError(s, "Invalid operand", "`-` needs a number.", e.range) : scalar(-n, source);
}

/** `&&` and `||`: the right operand is evaluated only when the left does not decide. */
function evalLogical(e: Extract<Expression, { type: "Binary" }>, s: Scope, source: SourceLocation, left: TfValue): TfValue {
    const op = e.operator;
    let right: TfValue | undefined;
    let r: TfValue;
    const lb = left.kind === "unknown" ? undefined : asBool(left);
    if (left.kind !== "unknown" && lb === undefined) r = evalError(s, "Invalid operand", `\`${op}\` needs bools.`, e.left.range);
    else if (op === "&&" && lb === false) r = scalar(false, source);
    else if (op === "||" && lb === true) r = scalar(true, source);
    else {
        right = evaluate(e.right, s);
        const rb = right.kind === "unknown" ? undefined : asBool(right);
        if (right.kind !== "unknown" && rb === undefined) r = evalError(s, "Invalid operand", `\`${op}\` needs bools.`, e.right.range);
        else if (op === "&&" && rb === false) r = scalar(false, source);
        else if (op === "||" && rb === true) r = scalar(true, source);
        else if (lb === undefined || rb === undefined) r = unknownAt(source, "an operand is computed", left, right);
        else r = scalar(op === "&&" ? lb && rb : lb || rb, source);
    }
    return isSensitive(left) || (right !== undefined && isSensitive(right)) ? markSensitive(r) : r;
}

/** A comparison or arithmetic operation on evaluated operands. */
function evalBinary(e: Extract<Expression, { type: "Binary" }>, s: Scope, source: SourceLocation, left: TfValue, right: TfValue): TfValue {
    const op = e.operator;
    if (op === "&&" || op === "||") return evalLogical(e, s, source, left);
    if (op === "==" || op === "!=") {
        const eq = equals(left, right);
        if (eq === undefined) return unknownAt(source, "an operand is computed", left, right);
        return scalar(op === "==" ? eq : !eq, source);
    }
    if (left.kind === "unknown" || right.kind === "unknown") return unknownAt(source, "an operand is computed", left, right);
    const a = asNumber(left);
    const b = asNumber(right);
    if (a === undefined || b === undefined) {
        return evalError(s, "Invalid operand", `\`${op}\` needs numbers.`, a === undefined ? e.left.range : e.right.range);
    }
    switch (op) {
        case "<":
            return scalar(a < b, source);
        case ">":
            return scalar(a > b, source);
        case "<=":
            return scalar(a <= b, source);
        case ">=":
            return scalar(a >= b, source);
        case "+":
            return scalar(a + b, source);
        case "-":
            return scalar(a - b, source);
        case "*":
            return scalar(a * b, source);
        case "/":
            if (b === 0) return evalError(s, "Division by zero", "The divisor is zero.", e.right.range);
            return scalar(a / b, source);
        case "%":
            if (b === 0) return evalError(s, "Division by zero", "The divisor is zero.", e.right.range);
            return scalar(a % b, source);
    }
}

/** True when the value is marked sensitive (a sensitive variable, `sensitive()`, or computed from one). */
export function isSensitive(v: TfValue): boolean {
    return v.origin?.sensitive === true;
}

const DERIVED_SENSITIVE: ValueOrigin = { description: "computed from a sensitive value", sensitive: true };

/** The value with every node marked sensitive (it is derived from a sensitive value). */
export function markSensitive(v: TfValue): TfValue {
    return relocate(v.origin?.sensitive ? v : { ...v, origin: undefined } as TfValue, v.source, DERIVED_SENSITIVE);
}

/** A value rendered for messages (short, never the whole of a large value). */
export function describe(v: TfValue): string {
    if (v.kind === "scalar") return typeof v.value === "number" ? formatNumber(v.value) : JSON.stringify(v.value);
    if (v.kind === "unknown") return "(known after apply)";
    return v.kind === "list" ? `list of ${v.items.length}` : `object with ${Object.keys(v.entries).length} attributes`;
}

