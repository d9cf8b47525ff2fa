import type { SourceLocation, ValueOrigin } from "../../catalog/model";
import type { Expression } from "../hcl/ast";
import type { Range } from "../hcl/source";
import { type TfValue, asBool, asNumber, asString, equals, isNull, relocate, sortedKeys } from "./value";

/**
 * A Terraform type constraint (`variable "x" { type = … }`), as Terraform's `typeexpr` reads it.
 * `optional(T)` and `optional(T, default)` appear only as attributes of an `object(...)`.
 */
export type TfType =
    | { kind: "any" }
    | { kind: "string" | "number" | "bool" }
    | { kind: "list" | "set" | "map"; element: TfType }
    | { kind: "tuple"; elements: TfType[] }
    | { kind: "object"; attributes: Record<string, ObjectAttribute> };

export interface ObjectAttribute {
    type: TfType;
    optional: boolean;
    /** The `optional(T, default)` default, as written (converted to `type` when applied). */
    defaultValue?: TfValue;
}

export const ANY: TfType = { kind: "any" };

/** A problem in a type expression: a message and where it is. */
export interface TypeProblem {
    message: string;
    range: Range;
}

/**
 * Reads a type expression. Errors go to `problems` and the offending part reads as `any`, so a
 * typo in one attribute does not lose the rest. `evalDefault` evaluates an `optional()` default.
 */
export function parseType(e: Expression, problems: TypeProblem[], evalDefault: (e: Expression) => TfValue, inObject = false, depth = 0): TfType {
    if (depth > 32) {
        problems.push({ message: "The type constraint is nested too deeply.", range: e.range });
        return ANY;
    }
    if (e.type === "Parenthesized") return parseType(e.expression, problems, evalDefault, inObject, depth + 1);
    if (e.type === "Variable") {
        switch (e.name) {
            case "any":
                return ANY;
            case "string":
            case "number":
            case "bool":
                return { kind: e.name };
            case "list":
            case "set":
            case "map":
                // Terraform accepts a bare collection keyword as a collection of `any` (legacy spelling).
                return { kind: e.name, element: ANY };
        }
        problems.push({ message: `"${e.name}" is not a type; use string, number, bool, any or a type constructor.`, range: e.range });
        return ANY;
    }
    // Terraform 0.11 wrote types as strings: "string", "list", "map".
    if (e.type === "Template" && e.parts.length === 1 && e.parts[0].type === "TemplateLiteral") {
        const name = e.parts[0].value;
        if (name === "string") return { kind: "string" };
        if (name === "list" || name === "map") return { kind: name, element: ANY };
    }
    if (e.type !== "FunctionCall") {
        problems.push({ message: "A type constraint must be a type keyword or a type constructor such as list(string).", range: e.range });
        return ANY;
    }
    const arg = (n: number): Expression | undefined => e.args[n];
    switch (e.name) {
        case "list":
        case "set":
        case "map": {
            if (e.args.length !== 1) {
                problems.push({ message: `${e.name}() takes one element type.`, range: e.range });
                return { kind: e.name, element: ANY };
            }
            return { kind: e.name, element: parseType(arg(0)!, problems, evalDefault, false, depth + 1) };
        }
        case "tuple": {
            const a = arg(0);
            if (e.args.length !== 1 || a?.type !== "Tuple") {
                problems.push({ message: "tuple() takes a list of element types, such as tuple([string, number]).", range: e.range });
                return { kind: "list", element: ANY };
            }
            return { kind: "tuple", elements: a.items.map((i) => parseType(i, problems, evalDefault, false, depth + 1)) };
        }
        case "object": {
            const a = arg(0);
            if (e.args.length !== 1 || a?.type !== "Object") {
                problems.push({ message: "object() takes an object of attribute types, such as object({ name = string }).", range: e.range });
                return { kind: "map", element: ANY };
            }
            const attributes: Record<string, ObjectAttribute> = Object.create(null) as Record<string, ObjectAttribute>;
            for (const item of a.items) {
                const key = attributeName(item.key);
                if (key === undefined) {
                    problems.push({ message: "An object attribute name must be a literal name.", range: item.key.range });
                    continue;
                }
                attributes[key] = parseAttribute(item.value, problems, evalDefault, depth + 1);
            }
            return { kind: "object", attributes };
        }
        case "optional":
            problems.push({
                message: inObject ? "optional() is misplaced." : "optional() is allowed only for the attributes of an object type.",
                range: e.range,
            });
            return ANY;
    }
    problems.push({ message: `"${e.name}" is not a type constructor; use list, set, map, tuple or object.`, range: e.nameRange });
    return ANY;
}

function parseAttribute(e: Expression, problems: TypeProblem[], evalDefault: (e: Expression) => TfValue, depth: number): ObjectAttribute {
    if (e.type === "FunctionCall" && e.name === "optional") {
        if (e.args.length < 1 || e.args.length > 2) {
            problems.push({ message: "optional() takes a type and, optionally, a default value.", range: e.range });
            return { type: ANY, optional: true };
        }
        const type = parseType(e.args[0], problems, evalDefault, true, depth + 1);
        if (e.args.length === 1) return { type, optional: true };
        return { type, optional: true, defaultValue: evalDefault(e.args[1]) };
    }
    return { type: parseType(e, problems, evalDefault, true, depth + 1), optional: false };
}

function attributeName(key: Expression): string | undefined {
    if (key.type === "Variable") return key.name;
    if (key.type === "Template" && key.parts.every((p) => p.type === "TemplateLiteral")) return key.parts.map((p) => (p as { value: string }).value).join("");
    return undefined;
}

/** Terraform's spelling of a type, for messages. */
export function typeName(t: TfType, depth = 0): string {
    if (depth > 4) return "…";
    switch (t.kind) {
        case "any":
        case "string":
        case "number":
        case "bool":
            return t.kind;
        case "list":
        case "set":
        case "map":
            return `${t.kind}(${typeName(t.element, depth + 1)})`;
        case "tuple":
            return `tuple([${t.elements.map((e) => typeName(e, depth + 1)).join(", ")}])`;
        case "object":
            return "object";
    }
}

/** Why a value does not conform: a message in Terraform's words and the value's location. */
export interface ConversionError {
    message: string;
    /** The attribute path inside the value (`.a.b[0]`), empty at the top. */
    path: string;
    source?: SourceLocation;
}

/** A conversion error in words: where in the value (`at a.b[0], `) and what is wrong. */
export function conversionProblem(e: ConversionError): string {
    return `${e.path ? `at ${e.path.replace(/^\./, "")}, ` : ""}${e.message}`;
}

/** The result of {@link convertRelocated}: the converted value, or why it cannot conform. */
export type Converted = { ok: true; value: TfValue } | { ok: false; error: ConversionError };

const MAX_DEPTH = 64;

/**
 * Converts a value to a type constraint with Terraform's rules (cty's `convert`):
 * - primitives convert among themselves where the text allows (`"true"` → `true`, `"3"` → `3`,
 *   `3` → `"3"`, `true` → `"true"`); a collection never converts to a primitive;
 * - a tuple converts to a list or set of the element type (a set drops duplicates), an object to a
 *   map, a map or object to an object type (attributes it lacks are an error unless `optional`,
 *   then `null` or their converted default; attributes the type does not declare are dropped);
 * - `null` conforms to every type (and a `null` optional attribute takes its default);
 * - unknown values conform (they are checked once known); within a known collection, each element
 *   is converted.
 * Nothing of the value itself goes into an error message (it may be sensitive).
 *
 * The result is relocated as `relocate(result, v.source, origin)` would relocate it, in the same
 * pass: every node is new, located at `v.source`, and takes `origin` unless it has one (a
 * variable's value is converted and located once, not copied twice). Defaults filled in for
 * omitted optional attributes take `defaultOrigin`.
 */
export function convertRelocated(v: TfValue, t: TfType, defaultOrigin: ValueOrigin | undefined, origin: ValueOrigin | undefined): Converted {
    return converting(v, t, { defaultOrigin, to: { source: v.source, origin }, steps: [], quoted: [] });
}

/**
 * Converts a value to a type constraint with the rules of {@link convertRelocated}, leaving every
 * node where it is (`tolist()`, `toset()`, `tomap()`: a collection of `any` takes the element type
 * its elements unify to).
 */
export function convertInPlace(v: TfValue, t: TfType): Converted {
    return converting(v, t, { steps: [], quoted: [] });
}

function converting(v: TfValue, t: TfType, err: ConversionState): Converted {
    const out = conv(v, t, err, 0);
    return err.e || out === undefined ? { ok: false, error: err.e ?? { message: "the value does not conform", path: "" } } : { ok: true, value: out };
}

function describeKind(v: TfValue): string {
    if (v.kind === "list") return "a tuple";
    if (v.kind === "map") return "an object";
    if (v.kind === "scalar") return typeof v.value === "string" ? "a string" : typeof v.value === "number" ? "a number" : typeof v.value === "boolean" ? "a bool" : "null";
    return "an unknown value";
}

/** What a conversion carries down: the first error, and the origin given to the defaults it fills in. */
interface ConversionState {
    e?: ConversionError;
    /** Where the defaults of omitted optional attributes are said to come from (the variable, for its values). */
    defaultOrigin?: ValueOrigin;
    /**
     * Where every node of the result is located, and the origin of nodes without one; unset while
     * a default is converted (it is relocated once, where it is filled in).
     */
    to?: { source: SourceLocation | undefined; origin: ValueOrigin | undefined };
    /**
     * The path to the node being converted, as a stack of list indexes and attribute or map keys
     * (`quoted` marks a map key); spelled out only for an error, so a conversion builds no strings.
     */
    steps: (string | number)[];
    quoted: boolean[];
}

function enter(err: ConversionState, step: string | number, quoted = false): void {
    err.steps.push(step);
    err.quoted.push(quoted);
}

function leave(err: ConversionState): void {
    err.steps.pop();
    err.quoted.pop();
}

/** The path of the node being converted, as Terraform writes it (`.a["k"][0]`). */
function spelled(err: ConversionState): string {
    let out = "";
    for (let i = 0; i < err.steps.length; i++) {
        const step = err.steps[i];
        out += typeof step === "number" ? `[${step}]` : err.quoted[i] ? `[${JSON.stringify(step)}]` : `.${step}`;
    }
    return out;
}

/** A value passed through unconverted: itself, or its relocated copy. */
function kept(v: TfValue, err: ConversionState): TfValue {
    return err.to ? relocate(v, err.to.source, err.to.origin) : v;
}

function fail(err: ConversionState, v: TfValue, message: string): undefined {
    if (!err.e) err.e = { message, path: spelled(err), source: v.source };
    return undefined;
}

function conv(v: TfValue, t: TfType, err: ConversionState, depth: number): TfValue | undefined {
    if (t.kind === "any" || v.kind === "unknown" || isNull(v)) return kept(v, err);
    if (depth > MAX_DEPTH) return kept(v, err);
    switch (t.kind) {
        case "string": {
            if (v.kind !== "scalar") return fail(err, v, `a string is required, not ${describeKind(v)}`);
            const s = asString(v);
            if (s === undefined) return fail(err, v, "a string is required");
            return s === v.value ? kept(v, err) : withScalar(v, s, err);
        }
        case "number": {
            if (v.kind !== "scalar") return fail(err, v, `a number is required, not ${describeKind(v)}`);
            const n = asNumber(v);
            if (n === undefined) return fail(err, v, `a number is required, not ${describeKind(v)}`);
            return n === v.value ? kept(v, err) : withScalar(v, n, err);
        }
        case "bool": {
            if (v.kind !== "scalar") return fail(err, v, `a bool is required, not ${describeKind(v)}`);
            const b = asBool(v);
            if (b === undefined) return fail(err, v, `a bool is required, not ${describeKind(v)}`);
            return b === v.value ? kept(v, err) : withScalar(v, b, err);
        }
        case "list":
        case "set": {
            if (v.kind !== "list") return fail(err, v, `a ${t.kind} of ${typeName(t.element)} is required, not ${describeKind(v)}`);
            const element = t.element.kind === "any" ? unified(v.items, depth) : t.element;
            const items: TfValue[] = [];
            for (let i = 0; i < v.items.length; i++) {
                enter(err, i);
                const c = conv(v.items[i], element, err, depth + 1);
                leave(err);
                if (c === undefined) return undefined;
                if (t.kind === "set" && items.some((x) => equals(x, c) === true)) continue;
                items.push(c);
            }
            return copyMeta(v, { kind: "list", items }, err);
        }
        case "tuple": {
            if (v.kind !== "list") return fail(err, v, `a tuple of ${t.elements.length} elements is required, not ${describeKind(v)}`);
            if (v.items.length !== t.elements.length) return fail(err, v, `a tuple of ${t.elements.length} elements is required, not ${v.items.length}`);
            const items: TfValue[] = [];
            for (let i = 0; i < v.items.length; i++) {
                enter(err, i);
                const c = conv(v.items[i], t.elements[i], err, depth + 1);
                leave(err);
                if (c === undefined) return undefined;
                items.push(c);
            }
            return copyMeta(v, { kind: "list", items }, err);
        }
        case "map": {
            if (v.kind !== "map") return fail(err, v, `a map of ${typeName(t.element)} is required, not ${describeKind(v)}`);
            const element = t.element.kind === "any" ? unified(Object.values(v.entries), depth) : t.element;
            const entries: Record<string, TfValue> = {};
            for (const k in v.entries) {
                enter(err, k, true);
                const c = conv(v.entries[k], element, err, depth + 1);
                leave(err);
                if (c === undefined) return undefined;
                entries[k] = c;
            }
            return copyMeta(v, { kind: "map", entries }, err);
        }
        case "object": {
            if (v.kind !== "map") return fail(err, v, `an object is required, not ${describeKind(v)}`);
            const entries: Record<string, TfValue> = {};
            for (const name of attributeNames(t)) {
                const a = t.attributes[name];
                const given = Object.prototype.hasOwnProperty.call(v.entries, name) ? v.entries[name] : undefined;
                if (given === undefined && !a.optional) return fail(err, v, `attribute "${name}" is required`);
                if (given === undefined || (isNull(given) && a.defaultValue !== undefined)) {
                    enter(err, name);
                    entries[name] = defaultFor(a, v.source, err, depth);
                    leave(err);
                    if (err.e) return undefined;
                    continue;
                }
                enter(err, name);
                const c = conv(given, a.type, err, depth + 1);
                leave(err);
                if (c === undefined) return undefined;
                entries[name] = c;
            }
            return copyMeta(v, { kind: "map", entries }, err);
        }
    }
}

/**
 * The element type Terraform chooses for a collection of `any` (`list(any)`, `map(any)`): the one
 * type every element converts to, so `["a", 1]` becomes `["a", "1"]` (cty's unification: mixed
 * primitives become strings; tuples of one length and objects of one attribute set unify element by
 * element; `null` fits any type). Where mlguard cannot tell what Terraform would choose, the elements
 * stay as they are (`any`): an unknown element (its type is not known), and elements that do not unify
 * (Terraform rejects those when the values are tuples and objects, but accepts them when they are
 * lists and maps, which mlguard's values do not distinguish).
 */
function unified(elements: readonly TfValue[], depth: number): TfType {
    const types: TfType[] = [];
    for (const e of elements) {
        const t = inferred(e, depth + 1);
        if (t === undefined) return ANY;
        types.push(t);
    }
    return unify(types, depth) ?? ANY;
}

/** A value's own type (`any` for a null, which fits every type), undefined when something in it is unknown. */
function inferred(v: TfValue, depth: number): TfType | undefined {
    if (depth > MAX_DEPTH || v.kind === "unknown") return undefined;
    if (v.kind === "scalar") {
        if (v.value === null) return ANY;
        return { kind: typeof v.value === "string" ? "string" : typeof v.value === "number" ? "number" : "bool" };
    }
    if (v.kind === "list") {
        const elements: TfType[] = [];
        for (const i of v.items) {
            const t = inferred(i, depth + 1);
            if (t === undefined) return undefined;
            elements.push(t);
        }
        return { kind: "tuple", elements };
    }
    const attributes: Record<string, ObjectAttribute> = {};
    for (const k in v.entries) {
        const t = inferred(v.entries[k], depth + 1);
        if (t === undefined) return undefined;
        attributes[k] = { type: t, optional: false };
    }
    return { kind: "object", attributes };
}

/**
 * The type all of `types` convert to (`any` when only nulls say nothing), or undefined when there
 * is none (see {@link unified}).
 */
function unify(types: readonly TfType[], depth: number): TfType | undefined {
    const known = types.filter((t) => t.kind !== "any");
    if (depth > MAX_DEPTH) return undefined;
    if (known.length === 0) return ANY;
    const first = known[0];
    if (known.every((t) => t.kind === "string" || t.kind === "number" || t.kind === "bool")) {
        return known.every((t) => t.kind === first.kind) ? first : { kind: "string" };
    }
    if (first.kind === "tuple") {
        const n = first.elements.length;
        if (!known.every((t) => t.kind === "tuple" && t.elements.length === n)) return undefined;
        const elements: TfType[] = [];
        for (let i = 0; i < n; i++) {
            const u = unify(known.map((t) => (t as Extract<TfType, { kind: "tuple" }>).elements[i]), depth + 1);
            if (u === undefined) return undefined;
            elements.push(u);
        }
        return { kind: "tuple", elements };
    }
    if (first.kind === "object") {
        const names = Object.keys(first.attributes).sort();
        const same = (t: TfType) => t.kind === "object" && Object.keys(t.attributes).length === names.length && names.every((n) => n in t.attributes);
        if (!known.every(same)) return undefined;
        const attributes: Record<string, ObjectAttribute> = {};
        for (const name of names) {
            const u = unify(known.map((t) => (t as Extract<TfType, { kind: "object" }>).attributes[name].type), depth + 1);
            if (u === undefined) return undefined;
            attributes[name] = { type: u, optional: false };
        }
        return { kind: "object", attributes };
    }
    return undefined;
}

/** An omitted optional attribute: its default converted to the attribute type, else `null` (located at the object holding it). */
function defaultFor(a: ObjectAttribute, source: SourceLocation | undefined, err: ConversionState, depth: number): TfValue {
    const at = err.to ? err.to.source : source;
    if (a.defaultValue === undefined || isNull(a.defaultValue)) return withOrigin(at ? { kind: "scalar", value: null, source: at } : { kind: "scalar", value: null }, err.defaultOrigin);
    // The default's own conversion is not relocated: it is relocated here, once.
    const to = err.to;
    err.to = undefined;
    let c: TfValue | undefined;
    try {
        c = conv(a.defaultValue, a.type, err, depth + 1);
    } finally {
        err.to = to;
    }
    if (c === undefined) {
        if (err.e) err.e.message = `the default of optional attribute ${spelled(err)} does not conform: ${err.e.message}`;
        return withOrigin({ kind: "scalar", value: null }, err.defaultOrigin);
    }
    // The default is written in the type, so it reads as located there (and shared by every instance).
    return relocate(c, err.to ? err.to.source : c.source ?? source, c.origin ?? err.defaultOrigin);
}

/** An object type's attribute names in Terraform's order, sorted once per type. */
const attributeOrder = new WeakMap<object, string[]>();

function attributeNames(t: Extract<TfType, { kind: "object" }>): string[] {
    let names = attributeOrder.get(t);
    if (names === undefined) {
        names = sortedKeys(t.attributes);
        attributeOrder.set(t, names);
    }
    return names;
}

function withOrigin(v: TfValue, origin: ValueOrigin | undefined): TfValue {
    if (origin) v.origin = origin;
    return v;
}

function withScalar(v: Extract<TfValue, { kind: "scalar" }>, value: string | number | boolean, err: ConversionState): TfValue {
    return copyMeta(v, { kind: "scalar", value }, err);
}

/** A converted node's location, origin and references: where {@link convertRelocated} puts it, or (inside a default) its own. */
function copyMeta<T extends TfValue>(from: TfValue, to: T, err: ConversionState): T {
    const source = err.to ? err.to.source : from.source;
    const origin = from.origin ?? err.to?.origin;
    if (source) to.source = source;
    if (origin) to.origin = origin;
    if (from.refs && (!err.to || from.refs.length > 0)) to.refs = from.refs;
    return to;
}
