import type { Resource, SourceLocation, Value } from "../model";
import { parseJson } from "./coerce";
import { type Attr, type Plain, UNKNOWN, anyProp, listItems, toPlain } from "./props";

/** A role or member as read: a string, computed, or something that is not a string at all. */
export type IamValue = string | typeof UNKNOWN | { malformed: true };

/**
 * One principal granted one role by a GCP IAM resource: the `member` of an `*IamMember`, each of the
 * `members` of an `*IamBinding`, or each member of each binding in an `*IamPolicy`'s `policyData`.
 */
export interface IamGrant {
    role: IamValue;
    member: IamValue;
    /** Where the grant is written (Pulumi spelling), e.g. `members.1` or `policyData.bindings.0.members.2`. */
    path: string;
    /** The attribute's own location; for `policyData` grants, the `policyData` attribute's. */
    location: SourceLocation;
    /** The member's value node when it is computed, for what its refinement says (`serviceAccount:${…}` is not public). */
    memberNode?: Value;
    /** Where the role is written (Pulumi spelling), e.g. `role` or `policyData.bindings.0.role`. */
    rolePath: string;
    /** The `role` attribute's location; for `policyData` grants, the `policyData` attribute's. */
    roleLocation: SourceLocation;
}

/** A part of an IAM resource whose grants cannot be listed: computed, or not an IAM policy. */
export interface IamUnreadable {
    reason: "unknown" | "malformed";
    path: string;
    location: SourceLocation;
}

export interface IamGrants {
    grants: IamGrant[];
    unreadable: IamUnreadable[];
}

const MALFORMED = { malformed: true } as const;

function iamValue(attr: Attr): IamValue {
    if (attr.state === "unknown") return UNKNOWN;
    return typeof attr.value === "string" ? attr.value : MALFORMED;
}

function plainIamValue(value: Plain | undefined): IamValue {
    if (value === UNKNOWN) return UNKNOWN;
    return typeof value === "string" ? value : MALFORMED;
}

/**
 * Every grant an IAM member, binding or policy resource makes, whatever its type (project, bucket,
 * key, Vertex, Workbench …): they all spell the fields `role` + `member`, `role` + `members`, or
 * `policyData`. Never throws; grants that cannot be read are listed as unreadable.
 */
export function iamGrants(resource: Resource): IamGrants {
    const out: IamGrants = { grants: [], unreadable: [] };
    const role = anyProp(resource, "role");

    // `member` is one principal and `members` a list; either read as a list, so odd shapes are still read whole.
    for (const field of ["member", "members"]) {
        const attr = anyProp(resource, field);
        if (attr.state === "unknown") {
            out.grants.push({ role: iamValue(role), member: UNKNOWN, path: field, location: attr.location, memberNode: attr.node, rolePath: "role", roleLocation: role.location });
            continue;
        }
        const items = attr.node?.kind === "list" ? listItems(resource, attr) : attr.state === "explicit" ? [attr] : [];
        for (const item of items) {
            const grant: IamGrant = { role: iamValue(role), member: iamValue(item), path: item.path, location: item.location, rolePath: "role", roleLocation: role.location };
            if (item.state === "unknown" && item.node) grant.memberNode = item.node;
            out.grants.push(grant);
        }
    }

    const policyData = anyProp(resource, "policyData");
    if (policyData.state === "unknown") {
        out.unreadable.push({ reason: "unknown", path: "policyData", location: policyData.location });
    } else if (policyData.state === "explicit") {
        readPolicyData(policyData, out);
    }
    return out;
}

/** `policyData` is a JSON string (the provider's type); a map is accepted too, as an evaluator may yield one. */
function readPolicyData(attr: Attr, out: IamGrants): void {
    const raw: unknown = typeof attr.value === "string" ? parseJson(attr.value) : toPlain(attr.node);
    const location = attr.location;
    const malformed = (path: string): void => {
        out.unreadable.push({ reason: "malformed", path, location });
    };
    if (raw === UNKNOWN) {
        out.unreadable.push({ reason: "unknown", path: attr.path, location });
        return;
    }
    if (!isRecord(raw)) return malformed(attr.path);
    const bindings = raw.bindings;
    if (bindings === undefined || bindings === null) return;
    if (bindings === UNKNOWN) {
        out.unreadable.push({ reason: "unknown", path: `${attr.path}.bindings`, location });
        return;
    }
    if (!Array.isArray(bindings)) return malformed(`${attr.path}.bindings`);
    // A located document (a `data "google_iam_policy"` in Terraform): each binding, role and member where it is written.
    const located = locatedDocument(attr.node);
    const locatedBindings = located?.kind === "map" && located.entries.bindings?.kind === "list" ? located.entries.bindings.items : undefined;
    bindings.forEach((binding: unknown, i: number) => {
        const at = `${attr.path}.bindings.${i}`;
        if (!isRecord(binding)) return malformed(at);
        const node = locatedBindings?.[i];
        const entries = node?.kind === "map" ? node.entries : undefined;
        const bindingLocation = node?.source ?? location;
        const memberNodes = entries?.members?.kind === "list" ? entries.members.items : undefined;
        const memberLocation = (j: number): SourceLocation => memberNodes?.[j]?.source ?? entries?.members?.source ?? bindingLocation;
        const role = plainIamValue(binding.role as Plain);
        const rolePath = `${at}.role`;
        const roleLocation = entries?.role?.source ?? bindingLocation;
        const members = binding.members;
        if (members === UNKNOWN) {
            out.grants.push({ role, member: UNKNOWN, path: `${at}.members`, location: entries?.members?.source ?? bindingLocation, memberNode: entries?.members, rolePath, roleLocation });
        } else if (Array.isArray(members)) {
            members.forEach((m: unknown, j: number) => {
                const grant: IamGrant = { role, member: plainIamValue(m as Plain), path: `${at}.members.${j}`, location: memberLocation(j), rolePath, roleLocation };
                if (memberNodes?.[j]?.kind === "unknown") grant.memberNode = memberNodes[j];
                out.grants.push(grant);
            });
        } else if (typeof members === "string") {
            out.grants.push({ role, member: members, path: `${at}.members`, location: memberLocation(0), rolePath, roleLocation });
        } else if (members !== undefined && members !== null) {
            malformed(`${at}.members`);
        }
    });
}

/** The located value tree of a policy: the document a string carries, or a (partly computed) map as it is. */
function locatedDocument(node: Value | undefined): Value | undefined {
    if (node?.kind === "scalar") return node.document;
    return node?.kind === "map" ? node : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** IAM principal identifiers compare without regard to case or surrounding space (emails are case-insensitive). */
export function sameMember(a: string, b: string): boolean {
    return a.trim().toLowerCase() === b.trim().toLowerCase();
}
