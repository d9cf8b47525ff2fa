import type { CheckResult, Resource, SourceLocation, Value } from "../model";
import { parseLocatedJson, pulumiLocator, textLocator, type Locator } from "../iam/located-json";
import { notApplicable, pass, unknown } from "./results";
import { type Attr, type Plain, UNKNOWN, anyProp, isSpecificUnknown, listItems, toPlain, within } from "./props";

/**
 * The IAM document model: AWS policy documents as the controls see them, parsed from a JSON string
 * or taken from an object (`string | PolicyDocument` in Pulumi; `jsonencode(...)`, a heredoc or a
 * policy-document data source in Terraform), with `Action`, `Resource` and friends normalised to
 * arrays and every statement and element keeping the place it was written.
 */

/** A string field of a statement: its known values, and whether some values are computed. */
export interface StringSet {
    values: string[];
    hasUnknown: boolean;
}

/** The statement elements a finding can point at. */
export type StatementElement = "Sid" | "Effect" | "Action" | "NotAction" | "Resource" | "NotResource" | "Principal" | "NotPrincipal" | "Condition";

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny" | "unknown";
    action?: StringSet;
    notAction?: StringSet;
    resource?: StringSet;
    notResource?: StringSet;
    /** The raw principal (string, array or map), if any. */
    principal?: Plain;
    notPrincipal?: Plain;
    condition?: Plain;
    /** True when the statement object itself, or its Effect, is computed. */
    unknown: boolean;
    /** 0-based position in the document's `Statement` list. */
    index: number;
    /** Where the statement was written, when known. */
    location?: SourceLocation;
    /** Where each element was written, when known. */
    at: Partial<Record<StatementElement, SourceLocation>>;
}

export type ParsedPolicy =
    | { kind: "document"; statements: Statement[]; location: SourceLocation }
    | { kind: "unknown"; location: SourceLocation }
    | { kind: "invalid"; reason: string; location: SourceLocation }
    | { kind: "absent"; location: SourceLocation };

function stringSet(value: Plain | undefined): StringSet | undefined {
    if (value === undefined || value === null) return undefined;
    const items = Array.isArray(value) ? value : [value];
    const set: StringSet = { values: [], hasUnknown: false };
    for (const item of items) {
        if (item === UNKNOWN) set.hasUnknown = true;
        // A computed entry known to be one resource's ARN (`aws_iam_role.x.arn`) is specific: it cannot be `*`.
        else if (isSpecificUnknown(item)) continue;
        else if (typeof item === "string") set.values.push(item);
        else if (typeof item === "number" || typeof item === "boolean") set.values.push(String(item));
        else set.hasUnknown = true;
    }
    return set;
}

/** The key of `entries` equal to `name`, any case (IAM keys are case-sensitive in AWS, but hand-written documents vary). */
function keyOf(entries: Record<string, unknown>, name: string): string | undefined {
    if (Object.prototype.hasOwnProperty.call(entries, name)) return name;
    const lower = name.toLowerCase();
    for (const key of Object.keys(entries)) if (key.toLowerCase() === lower) return key;
    return undefined;
}

function entry(node: Extract<Value, { kind: "map" }>, name: string): Value | undefined {
    const key = keyOf(node.entries, name);
    return key === undefined ? undefined : node.entries[key];
}

const ELEMENTS: StatementElement[] = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"];
const ELEMENT_BY_LOWER = new Map(ELEMENTS.map((e) => [e.toLowerCase(), e]));

function toStatement(raw: Value, index: number, fallback: SourceLocation): Statement {
    if (raw.kind !== "map") {
        return { effect: "unknown", unknown: true, index, location: raw.source ?? fallback, at: {} };
    }
    const at: Statement["at"] = {};
    const plain: Partial<Record<StatementElement, Plain | undefined>> = {};
    // One pass over the statement's keys; an exact-case key wins over another spelling.
    for (const key in raw.entries) {
        const name = ELEMENT_BY_LOWER.get(key.toLowerCase());
        if (name === undefined || (name in plain && key !== name)) continue;
        const v = raw.entries[key];
        if (v.source) at[name] = v.source;
        plain[name] = toPlain(v, { specific: true });
    }
    const effectRaw = plain.Effect;
    const effect = effectRaw === "Allow" || effectRaw === "Deny" ? effectRaw : effectRaw === UNKNOWN ? "unknown" : "Allow";
    const sid = plain.Sid;
    return {
        sid: typeof sid === "string" ? sid : undefined,
        effect,
        action: stringSet(plain.Action),
        notAction: stringSet(plain.NotAction),
        resource: stringSet(plain.Resource),
        notResource: stringSet(plain.NotResource),
        principal: plain.Principal,
        notPrincipal: plain.NotPrincipal,
        condition: plain.Condition,
        unknown: effect === "unknown",
        index,
        location: raw.source ?? fallback,
        at,
    };
}

/**
 * The document an attribute holds as a located value tree: the structure a Terraform string carries
 * (`jsonencode`, a policy-document data source), a JSON string parsed with positions (heredocs in
 * the file they were written in, Pulumi strings by property path), or an object as it is.
 * `undefined` when a string is not JSON.
 */
function documentValue(attr: Attr): Value | undefined {
    const node = attr.node;
    if (!node) return undefined;
    if (node.kind !== "scalar") return node;
    if (node.document) return node.document;
    if (typeof node.value !== "string") return node;
    const text = node.value;
    const loc = attr.location;
    let locate: Locator;
    if (node.text) {
        const byText = textLocator(text, node.text);
        locate = (s, e, p) => byText(s, e, p) ?? loc;
    } else if (loc.kind === "pulumi") locate = pulumiLocator(loc.urn, loc.path);
    else locate = () => loc;
    return parseLocatedJson(text, locate);
}

/**
 * Parsed documents by the value node that holds them: every IAM control reads the same documents,
 * so each is parsed once per scan. Results are never mutated by callers.
 */
const parsedByNode = new WeakMap<Value, ParsedPolicy>();

/** Parses a policy document held by an attribute. Never throws. */
export function parsePolicy(attr: Attr): ParsedPolicy {
    if (attr.state !== "explicit" || !attr.node) return parseUncached(attr);
    let parsed = parsedByNode.get(attr.node);
    if (parsed === undefined || parsed.location !== attr.location) {
        parsed = parseUncached(attr);
        parsedByNode.set(attr.node, parsed);
    }
    return parsed;
}

function parseUncached(attr: Attr): ParsedPolicy {
    const location = attr.location;
    if (attr.state === "absent") return { kind: "absent", location };
    if (attr.state === "unknown") return { kind: "unknown", location };
    const doc = documentValue(attr);
    if (doc === undefined) return { kind: "invalid", reason: "the policy is not valid JSON", location };
    if (doc.kind === "unknown") return { kind: "unknown", location };
    if (doc.kind !== "map") return { kind: "invalid", reason: "the policy is not a JSON object", location };
    const statementsRaw = entry(doc, "Statement");
    if (statementsRaw === undefined || (statementsRaw.kind === "scalar" && statementsRaw.value === null)) {
        return { kind: "document", statements: [], location };
    }
    if (statementsRaw.kind === "unknown") return { kind: "unknown", location };
    const list = statementsRaw.kind === "list" ? statementsRaw.items : [statementsRaw];
    return { kind: "document", statements: list.map((s, i) => toStatement(s, i, location)), location };
}

/** Resource properties that hold permission or resource policy documents, in the order they are read. */
const DOCUMENT_PROPERTIES = ["policy", "inlinePolicy"];

/**
 * The policy documents a resource carries: every `inlinePolicies[].policy` of a role, `policy`, or
 * an SSO permission set's `inlinePolicy`. A role's trust policy is read by {@link trustPolicyAttr}.
 */
export function policyAttrs(resource: Resource): Attr[] {
    const inline = anyProp(resource, "inlinePolicies");
    if (inline.state === "explicit") {
        return listItems(resource, inline).map((item) => within(resource, item, "policy"));
    }
    if (inline.state === "unknown") return [inline];
    for (const name of DOCUMENT_PROPERTIES) {
        const attr = anyProp(resource, name);
        if (attr.state !== "absent") return [attr];
    }
    return [anyProp(resource, "policy")];
}

/** A role's trust policy (`assumeRolePolicy`). */
export function trustPolicyAttr(resource: Resource): Attr {
    return anyProp(resource, "assumeRolePolicy");
}

function wildcardToRegExp(pattern: string): RegExp {
    // A scan meets the same few patterns in every policy (28k compilations on the benchmark):
    // compiled once. The expressions are stateless (no `g` or `y` flag), so sharing them is safe.
    let re = compiledPatterns.get(pattern);
    if (re === undefined) {
        const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
        re = new RegExp(`^${escaped}$`, "i");
        if (compiledPatterns.size >= MAX_COMPILED_PATTERNS) compiledPatterns.clear();
        compiledPatterns.set(pattern, re);
    }
    return re;
}

const compiledPatterns = new Map<string, RegExp>();
const MAX_COMPILED_PATTERNS = 4096;

/** True when an IAM action pattern (`iam:Pass*`, `*`, `IAM:PassRole`) grants `action`. */
export function actionMatches(pattern: string, action: string): boolean {
    return wildcardToRegExp(pattern.trim()).test(action);
}

/**
 * Whether a statement's action list grants `action`: `yes`, `no`, or `unknown` when computed
 * entries could. `NotAction` grants every action it does not match.
 */
export function grantsAction(statement: Statement, action: string): "yes" | "no" | "unknown" {
    if (statement.action) {
        if (statement.action.values.some((p) => actionMatches(p, action))) return "yes";
        return statement.action.hasUnknown ? "unknown" : "no";
    }
    if (statement.notAction) {
        if (statement.notAction.values.some((p) => actionMatches(p, action))) return "no";
        return statement.notAction.hasUnknown ? "unknown" : "yes";
    }
    return "no";
}

/** True when the set contains the bare `*` wildcard. */
export function hasStar(set: StringSet | undefined): boolean {
    return !!set && set.values.some((v) => v.trim() === "*");
}

/**
 * THE question "could this `Resource` / `Principal` element be `*`?": `yes` when a value is the
 * bare wildcard, `unknown` when a computed value might be, `no` otherwise. Every control asks it
 * here, so refined unknowns (a computed value known to be a specific ARN) plug in at one place.
 */
export function couldBeWildcard(set: StringSet | undefined): "yes" | "no" | "unknown" {
    if (!set) return "no";
    if (hasStar(set)) return "yes";
    return set.hasUnknown ? "unknown" : "no";
}

/**
 * Whether the statement applies to every resource: `Resource: "*"`, or any `NotResource` (every
 * resource but the listed ones).
 */
export function appliesToAllResources(statement: Statement): "yes" | "no" | "unknown" {
    if (statement.notResource) return "yes";
    return couldBeWildcard(statement.resource);
}

/** One principal type of a statement with its identifiers (`"*"` reads as type `*`). */
export interface PrincipalEntry {
    type: string;
    ids: StringSet;
}

/** A statement's principals by type, or `unknown` when the principal is computed or malformed. */
export function principalEntries(principal: Plain | undefined): PrincipalEntry[] | "unknown" {
    if (principal === undefined || principal === null) return [];
    if (principal === UNKNOWN) return "unknown";
    if (typeof principal === "string") return [{ type: "*", ids: { values: [principal], hasUnknown: false } }];
    if (Array.isArray(principal) || typeof principal !== "object") return "unknown";
    const out: PrincipalEntry[] = [];
    for (const [type, ids] of Object.entries(principal)) {
        const set = stringSet(ids);
        if (set) out.push({ type, ids: set });
    }
    return out;
}

/** One condition of a statement: operator (`StringEquals`), key (`aws:SourceAccount`) and values. */
export interface ConditionEntry {
    operator: string;
    key: string;
    values: StringSet;
}

/** A statement's conditions, or `unknown` when the condition block is computed. */
export function conditionEntries(statement: Statement): ConditionEntry[] | "unknown" {
    const c = statement.condition;
    if (c === undefined || c === null) return [];
    if (c === UNKNOWN || typeof c !== "object" || Array.isArray(c)) return "unknown";
    const out: ConditionEntry[] = [];
    for (const [operator, keys] of Object.entries(c)) {
        if (keys === UNKNOWN) return "unknown";
        if (!keys || typeof keys !== "object" || Array.isArray(keys)) continue;
        for (const [key, values] of Object.entries(keys)) out.push({ operator, key, values: stringSet(values) ?? { values: [], hasUnknown: false } });
    }
    return out;
}

/** True when the statement conditions on one of `keys` (condition keys are case-insensitive), whatever the operator. */
export function hasConditionOn(statement: Statement, keys: readonly string[]): boolean | "unknown" {
    const entries = conditionEntries(statement);
    if (entries === "unknown") return "unknown";
    const wanted = keys.map((k) => k.toLowerCase());
    return entries.some((e) => wanted.includes(e.key.toLowerCase()));
}

/** `Statement "Sid"` or `Statement 2` (1-based), as findings name statements. */
export function statementName(statement: Statement): string {
    // IAM Sids are alphanumeric; anything else is not echoed (a document may be a secret whose
    // secret-ness the neutral view no longer carries), and the statement is named by position.
    return statement.sid && /^[A-Za-z0-9]{1,128}$/.test(statement.sid) ? `Statement "${statement.sid}"` : `Statement ${statement.index + 1}`;
}

/**
 * The document attribute re-pointed at one element of a statement (or the statement itself when
 * the element is absent), so a finding lands on the line that decides it.
 */
export function elementAttr(attr: Attr, statement: Statement, ...elements: StatementElement[]): Attr {
    for (const e of elements) {
        const loc = statement.at[e];
        if (loc) return { ...attr, location: loc };
    }
    return statement.location ? { ...attr, location: statement.location } : attr;
}

/**
 * The loop every IAM-document control shares: parse each policy document the resource carries,
 * report computed or unreadable documents as not verifiable, skip `Deny` statements, and let
 * `judge` decide each remaining statement (returning nothing when the statement is fine). `judge`
 * receives the document attribute located at the statement; `elementAttr` narrows it to an
 * element. A document with no decided statement passes with `passMessage`.
 */
export function checkPolicyDocuments(
    resource: Resource,
    concern: string,
    judge: (statement: Statement, label: string, attr: Attr) => CheckResult | undefined,
    passMessage: (attr: Attr) => string,
    attrs: Attr[] = policyAttrs(resource),
): CheckResult[] {
    const results: CheckResult[] = [];
    for (const attr of attrs) {
        const doc = parsePolicy(attr);
        if (doc.kind === "absent") continue;
        if (doc.kind === "unknown") {
            results.push(unknown(attr, `The policy document (${attr.path}) is computed; ${concern} cannot be checked yet.`));
            continue;
        }
        if (doc.kind === "invalid") {
            results.push(unknown(attr, `The policy document (${attr.path}) cannot be read: ${doc.reason}.`));
            continue;
        }
        let decided = false;
        for (const s of doc.statements) {
            if (s.effect === "Deny") continue;
            const label = `${statementName(s)} of ${attr.path}`;
            const result = judge(s, label, elementAttr(attr, s));
            if (result) {
                results.push(result);
                decided = true;
            }
        }
        if (!decided) results.push(pass(attr, passMessage(attr)));
    }
    return results.length > 0 ? results : [notApplicable(resource, "The resource carries no policy document.")];
}
