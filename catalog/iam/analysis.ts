import type { ResourceGraph } from "../graph";
import type { Resource } from "../model";
import { attachedThrough } from "../helpers/joins";
import { type Attr, anyProp } from "../helpers/props";
import { type Statement, appliesToAllResources, conditionEntries, couldBeWildcard, grantsAction, parsePolicy, policyAttrs, statementName } from "../helpers/iam";
import type { SourceLocation } from "../model";
import { types } from "../resource-types";
import { ESCALATION_PATHS, type EscalationPath } from "./escalation";
import { parseLocatedJson } from "./located-json";
import { MANAGED_POLICY_DATASET, awsManagedPolicy, isAwsManagedArn, managedPolicyGeneration } from "./managed-policies";

/** A role-ARN pattern that names every role (of any or one account): no scoping at all. */
const ANY_ROLE = /^arn:aws[a-z-]*:iam::(\*|\d{12}):(role\/)?\*$/i;

/** Whether the statement's resources cover every role: `yes`, `no`, or `unknown` (computed entries). */
export function coversEveryRole(statement: Statement): "yes" | "no" | "unknown" {
    if (statement.notResource) return "yes";
    const resources = statement.resource;
    if (resources?.values.some((r) => ANY_ROLE.test(r.trim()))) return "yes";
    return couldBeWildcard(resources);
}

/** A statement as one principal holds it: where it is written and which resource carries it. */
export interface HeldStatement {
    statement: Statement;
    /** The document attribute (located at the statement). */
    attr: Attr;
    holder: Resource;
    /** `Statement "Sid" of aws_iam_policy.x policy`, for findings. */
    label: string;
    /** Set when the statement comes from an AWS managed policy attached by ARN (its name). */
    awsManaged?: string;
}

/** The statements of every document a resource carries; computed or unreadable documents set `incomplete`. */
export function heldStatements(holder: Resource, attrs: Attr[] = policyAttrs(holder)): { held: HeldStatement[]; incomplete: boolean } {
    const held: HeldStatement[] = [];
    let incomplete = false;
    for (const attr of attrs) {
        const doc = parsePolicy(attr);
        if (doc.kind === "absent") continue;
        if (doc.kind !== "document") {
            incomplete = true;
            continue;
        }
        for (const s of doc.statements) {
            const attrAt = s.location ? { ...attr, location: s.at.Action ?? s.at.NotAction ?? s.location } : attr;
            held.push({ statement: s, attr: attrAt, holder, label: `${statementName(s)} of ${displayName(holder)} ${attr.path}` });
        }
    }
    return { held, incomplete };
}

/** A resource as findings name it: its Terraform address, or its Pulumi logical name. */
export function displayName(r: Resource): string {
    return r.frontEnd === "pulumi" ? r.name : r.id;
}

/** True for a Deny that removes `action` everywhere: no condition, every resource. */
function deniesOutright(s: Statement, action: string): boolean {
    if (s.effect !== "Deny" || s.unknown) return false;
    const conditions = conditionEntries(s);
    if (conditions === "unknown" || conditions.length > 0) return false;
    return grantsAction(s, action) === "yes" && appliesToAllResources(s) === "yes";
}

/**
 * Whether a statement grants an action in a way that counts for escalation: `iam:PassRole` only on
 * every role; other actions on every resource or a wildcard pattern of resources (a statement on one
 * named resource is judged by the resource's own policy, not here).
 */
function grantsForEscalation(s: Statement, action: string): "yes" | "no" | "unknown" {
    if (s.effect === "Deny") return "no";
    const g = s.unknown ? "unknown" : grantsAction(s, action);
    if (g === "no") return "no";
    let scope: "yes" | "no" | "unknown";
    if (action.toLowerCase() === "iam:passrole") scope = coversEveryRole(s);
    else {
        scope = appliesToAllResources(s);
        if (scope === "no" && s.resource?.values.some((r) => r.includes("*"))) scope = "yes";
    }
    if (g === "yes" && scope === "yes") return "yes";
    return scope === "no" ? "no" : "unknown";
}

/** One action of a path and the statement that grants it. */
export interface PathPart {
    action: string;
    via: HeldStatement;
}

/** A path a set of statements completes (`complete`), or may complete once computed parts are known. */
export interface FoundPath {
    path: EscalationPath;
    status: "complete" | "possible";
    parts: PathPart[];
}

function grantOf(held: HeldStatement[], action: string): { status: "yes" | "no" | "unknown"; via?: HeldStatement } {
    if (held.some((h) => deniesOutright(h.statement, action))) return { status: "no" };
    let possible: HeldStatement | undefined;
    for (const h of held) {
        const g = grantsForEscalation(h.statement, action);
        if (g === "yes") return { status: "yes", via: h };
        if (g === "unknown") possible ??= h;
    }
    return possible ? { status: "unknown", via: possible } : { status: "no" };
}

/** The escalation paths the statements complete together (or may, when parts are computed). */
export function escalationPaths(held: HeldStatement[], paths: readonly EscalationPath[] = ESCALATION_PATHS): FoundPath[] {
    const found: FoundPath[] = [];
    // Paths share actions (iam:PassRole above all): each is looked up once over the statements.
    const memo = new Map<string, ReturnType<typeof grantOf>>();
    const grant = (action: string) => {
        let g = memo.get(action);
        if (!g) memo.set(action, (g = grantOf(held, action)));
        return g;
    };
    for (const path of paths) {
        const parts: PathPart[] = [];
        let status: FoundPath["status"] = "complete";
        let broken = false;
        const need = (action: string): boolean => {
            const g = grant(action);
            if (g.status === "no" || !g.via) return false;
            if (g.status === "unknown") status = "possible";
            parts.push({ action, via: g.via });
            return true;
        };
        for (const action of path.actions) {
            if (!need(action)) {
                broken = true;
                break;
            }
        }
        if (broken) continue;
        if (path.anyOf) {
            // Prefer an alternative that is surely granted over one that only may be.
            const sure = path.anyOf.find((a) => grant(a).status === "yes");
            if (!need(sure ?? path.anyOf.find((a) => grant(a).status === "unknown") ?? path.anyOf[0])) continue;
        }
        found.push({ path, status, parts });
    }
    return found;
}

/** How each kind of principal receives policies: inline documents, managed attachments by ARN. */
const PRINCIPALS = {
    [types.iamRole.token]: {
        inline: [{ type: types.iamRolePolicy, property: "role" }],
        attachments: [
            { type: types.iamRolePolicyAttachment, property: "role", arns: "policyArn" },
            { type: types.iamPolicyAttachment, property: "roles", arns: "policyArn" },
            { type: types.iamRolePolicyAttachmentsExclusive, property: "roleName", arns: "policyArns" },
        ],
    },
    [types.iamUser.token]: {
        inline: [{ type: types.iamUserPolicy, property: "user" }],
        attachments: [
            { type: types.iamUserPolicyAttachment, property: "user", arns: "policyArn" },
            { type: types.iamPolicyAttachment, property: "users", arns: "policyArn" },
            { type: types.iamUserPolicyAttachmentsExclusive, property: "userName", arns: "policyArns" },
        ],
    },
    [types.iamGroup.token]: {
        inline: [{ type: types.iamGroupPolicy, property: "group" }],
        attachments: [
            { type: types.iamGroupPolicyAttachment, property: "group", arns: "policyArn" },
            { type: types.iamPolicyAttachment, property: "groups", arns: "policyArn" },
            { type: types.iamGroupPolicyAttachmentsExclusive, property: "groupName", arns: "policyArns" },
        ],
    },
};

/** The principal types a per-principal analysis covers. */
export const PRINCIPAL_TYPES = [types.iamRole, types.iamUser, types.iamGroup];

/**
 * Every statement a principal holds: its own inline policies, the inline policy resources that
 * name it, and the customer-managed policies attached to it through any attachment resource
 * (joined by reference, or by literal name / ARN). `unresolved` lists attached ARNs whose document
 * is not in the configuration (AWS managed or external policies).
 */
export function principalStatements(graph: ResourceGraph, principal: Resource): PrincipalStatements {
    const spec = PRINCIPALS[principal.type];
    const own = heldStatements(principal);
    const held = [...own.held];
    let incomplete = own.incomplete;
    const unresolved: string[] = [];
    const unknownManaged: PrincipalStatements["unknownManaged"] = [];
    const managed: string[] = [];
    if (!spec) return { held, incomplete, unresolved, unknownManaged, managed };
    for (const inline of spec.inline) {
        for (const r of attachedThrough(graph, principal, [inline.type], inline.property, ["name"])) {
            const h = heldStatements(r);
            held.push(...h.held);
            incomplete ||= h.incomplete;
        }
    }
    const policies: Resource[] = [];
    const addPolicies = (from: Resource, property: string) => {
        for (const p of graph.targets(from, property, [types.iamPolicy])) if (!policies.includes(p)) policies.push(p);
        const attr = anyProp(from, property);
        const literals = attr.node?.kind === "list" ? attr.node.items : attr.node ? [attr.node] : [];
        const joined = graph.targets(from, property, [types.iamPolicy]).length;
        let computed = 0;
        for (const l of literals) {
            if (l.kind === "unknown") computed++;
            if (l.kind !== "scalar" || typeof l.value !== "string") continue;
            const arn = l.value;
            const byArn = graph.ofType(types.iamPolicy).find((p) => anyProp(p, "arn").value === arn || arnNamesPolicy(arn, p));
            if (byArn) {
                if (!policies.includes(byArn)) policies.push(byArn);
            } else if (isAwsManagedArn(arn)) {
                const key = arn.trim();
                if (managed.includes(key) || unknownManaged.some((u) => u.arn === key)) continue;
                const statements = awsManagedStatements(key);
                if (!statements) {
                    unknownManaged.push({ arn: key, via: `${displayName(from)} ${property}` });
                    continue;
                }
                managed.push(key);
                const location = l.source ?? attr.location;
                for (const s of statements.list) {
                    held.push({
                        statement: s,
                        attr: { path: property, state: "explicit", node: l, value: arn, location },
                        holder: from,
                        label: `${statementName(s)} of AWS managed policy ${statements.name} (${statements.version}) attached by ${displayName(from)}`,
                        awsManaged: statements.name,
                    });
                }
            } else if (!unresolved.includes(arn)) unresolved.push(arn);
        }
        // A computed ARN that joins to no policy of the configuration: a document we cannot see.
        if (attr.state === "unknown") computed = Math.max(computed, 1);
        if (computed > joined) incomplete = true;
    };
    addPolicies(principal, "managedPolicyArns");
    for (const a of spec.attachments) {
        for (const att of attachedThrough(graph, principal, [a.type], a.property, ["name"])) addPolicies(att, a.arns);
    }
    for (const p of policies) {
        const h = heldStatements(p);
        held.push(...h.held);
        incomplete ||= h.incomplete;
    }
    return { held, incomplete, unresolved, unknownManaged, managed };
}

/** What a principal holds, for the per-principal analysis. */
export interface PrincipalStatements {
    held: HeldStatement[];
    /** A document it holds is computed or unreadable. */
    incomplete: boolean;
    /** Attached ARNs of customer-managed policies outside the configuration (their documents are not visible). */
    unresolved: string[];
    /** Attached AWS managed policy ARNs that the managed-policy dataset does not have, and where each is attached (`aws_iam_role_policy_attachment.x policyArn`). */
    unknownManaged: Array<{ arn: string; via: string }>;
    /** Attached AWS managed policy ARNs expanded from the dataset. */
    managed: string[];
}

let managedGeneration = -1;
const managedStatements = new Map<string, { name: string; version: string; list: Statement[] } | null>();
const DATASET_LOCATION: SourceLocation = { kind: "file", file: MANAGED_POLICY_DATASET, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** The statements of an AWS managed policy's default version, parsed once per scan process; undefined when the dataset lacks it. */
function awsManagedStatements(arn: string): { name: string; version: string; list: Statement[] } | undefined {
    if (managedGeneration !== managedPolicyGeneration()) {
        managedStatements.clear();
        managedGeneration = managedPolicyGeneration();
    }
    let cached = managedStatements.get(arn);
    if (cached === undefined) {
        cached = null;
        const policy = awsManagedPolicy(arn);
        if (policy) {
            const node = parseLocatedJson(JSON.stringify(policy.document), () => DATASET_LOCATION);
            const doc = node ? parsePolicy({ path: "policy", state: "explicit", node, value: undefined, location: DATASET_LOCATION }) : undefined;
            if (doc?.kind === "document") cached = { name: policy.name, version: policy.version, list: doc.statements };
        }
        managedStatements.set(arn, cached);
    }
    return cached ?? undefined;
}

/** `arn:aws:iam::123456789012:policy/[path/]name` names the policy resource whose literal `name` is `name`. */
function arnNamesPolicy(arn: string, policy: Resource): boolean {
    const name = anyProp(policy, "name").value;
    if (typeof name !== "string") return false;
    const m = /^arn:aws[a-z-]*:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
    return !!m && m[1] === name;
}
