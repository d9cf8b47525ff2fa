import type { CheckResult, Resource, SourceLocation } from "../model";
import { notApplicable, pass, unknown } from "./results";
import { type Attr, type Plain, UNKNOWN, anyProp, isSpecificUnknown, listItems, toPlain, within } from "./props";

/**
 * AWS IAM policy documents as the controls see them: parsed from a JSON string or taken from an
 * object (`string | PolicyDocument` in Pulumi, `jsonencode(...)` or a policy-document data source in
 * Terraform), with `Action`, `Resource` and friends normalised to arrays.
 */

/** A string field of a statement: its known values, and whether some values are computed. */
export interface StringSet {
    values: string[];
    hasUnknown: boolean;
}

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny" | "unknown";
    action?: StringSet;
    notAction?: StringSet;
    resource?: StringSet;
    notResource?: StringSet;
    /** The raw principal (string, array or map), if any. */
    principal?: Plain;
    condition?: Plain;
    /** True when the statement object itself, or its Effect, is computed. */
    unknown: boolean;
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

function field(obj: { [key: string]: Plain }, name: string): Plain | undefined {
    // IAM keys are case-sensitive in AWS, but hand-written documents and HCL objects vary; accept any case.
    if (name in obj) return obj[name];
    const lower = name.toLowerCase();
    for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
    return undefined;
}

function toStatement(raw: Plain): Statement {
    if (raw === UNKNOWN || raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        return { effect: "unknown", unknown: true };
    }
    const effectRaw = field(raw, "Effect");
    const effect = effectRaw === "Allow" || effectRaw === "Deny" ? effectRaw : effectRaw === UNKNOWN ? "unknown" : "Allow";
    const sid = field(raw, "Sid");
    return {
        sid: typeof sid === "string" ? sid : undefined,
        effect,
        action: stringSet(field(raw, "Action")),
        notAction: stringSet(field(raw, "NotAction")),
        resource: stringSet(field(raw, "Resource")),
        notResource: stringSet(field(raw, "NotResource")),
        principal: field(raw, "Principal"),
        condition: field(raw, "Condition"),
        unknown: effect === "unknown",
    };
}

/** Parses a policy document held by an attribute. Never throws. */
export function parsePolicy(attr: Attr): ParsedPolicy {
    const location = attr.location;
    if (attr.state === "absent") return { kind: "absent", location };
    if (attr.state === "unknown") return { kind: "unknown", location };
    let doc: Plain | undefined;
    if (typeof attr.value === "string") {
        try {
            doc = JSON.parse(attr.value) as Plain;
        } catch {
            return { kind: "invalid", reason: "the policy is not valid JSON", location };
        }
    } else {
        doc = toPlain(attr.node, { specific: true });
    }
    if (doc === UNKNOWN) return { kind: "unknown", location };
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
        return { kind: "invalid", reason: "the policy is not a JSON object", location };
    }
    const statementsRaw = field(doc, "Statement");
    if (statementsRaw === UNKNOWN) return { kind: "unknown", location };
    if (statementsRaw === undefined || statementsRaw === null) return { kind: "document", statements: [], location };
    const list = Array.isArray(statementsRaw) ? statementsRaw : [statementsRaw];
    return { kind: "document", statements: list.map(toStatement), location };
}

/** The policy documents a resource carries: `policy`, or every `inlinePolicies[].policy` of a role. */
export function policyAttrs(resource: Resource): Attr[] {
    const inline = anyProp(resource, "inlinePolicies");
    if (inline.state === "explicit") {
        return listItems(resource, inline).map((item) => within(resource, item, "policy"));
    }
    if (inline.state === "unknown") return [inline];
    return [anyProp(resource, "policy")];
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
    return wildcardToRegExp(pattern).test(action);
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
 * The loop every IAM-document control shares: parse each policy document the resource carries,
 * report computed or unreadable documents as not verifiable, skip `Deny` statements, and let
 * `judge` decide each remaining statement (returning nothing when the statement is fine). A
 * document with no decided statement passes with `passMessage`.
 */
export function checkPolicyDocuments(
    resource: Resource,
    concern: string,
    judge: (statement: Statement, label: string, attr: Attr) => CheckResult | undefined,
    passMessage: (attr: Attr) => string,
): CheckResult[] {
    const results: CheckResult[] = [];
    for (const attr of policyAttrs(resource)) {
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
        doc.statements.forEach((s, i) => {
            if (s.effect === "Deny") return;
            const label = `${s.sid ? `Statement "${s.sid}"` : `Statement ${i + 1}`} of ${attr.path}`;
            const result = judge(s, label, attr);
            if (result) {
                results.push(result);
                decided = true;
            }
        });
        if (!decided) results.push(pass(attr, passMessage(attr)));
    }
    return results.length > 0 ? results : [notApplicable(resource, "The resource carries no policy document.")];
}
