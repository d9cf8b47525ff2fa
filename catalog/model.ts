/**
 * The neutral resource view shared by both front-ends (DESIGN.md "One control, defined once").
 *
 * Controls are written in the Pulumi vocabulary (camelCase property names, type tokens such as
 * `aws:sagemaker/notebookInstance:NotebookInstance`). The Pulumi front-end adapts engine
 * properties into this view; the Terraform front-end translates HCL attributes and blocks into it.
 * Every value keeps the place it came from and whether it was written, defaulted or unknown.
 */

/** A position in a source file; lines and columns are 1-based, `offset` is a 0-based byte offset. */
export interface Position {
    line: number;
    column: number;
    offset: number;
}

/** Where a value or resource came from: a file range (Terraform) or a URN plus property path (Pulumi). */
export type SourceLocation =
    | { kind: "file"; file: string; start: Position; end: Position }
    | { kind: "pulumi"; urn: string; path: string };

/** A scalar leaf as the provider schema sees it. */
export type Scalar = string | number | boolean | null;

/**
 * A property value in the neutral view.
 *
 * `unknown` is a computed value: an Output during `pulumi preview`, or in Terraform a reference to
 * another resource's attribute, a data source, or anything the evaluator could not resolve.
 */
export type Value =
    | { kind: "scalar"; value: Scalar; source?: SourceLocation; origin?: ValueOrigin; document?: Value; text?: TextMap }
    | { kind: "unknown"; source?: SourceLocation; reason?: string; origin?: ValueOrigin; refinement?: Refinement }
    | { kind: "list"; items: Value[]; source?: SourceLocation; origin?: ValueOrigin }
    | { kind: "map"; entries: Record<string, Value>; source?: SourceLocation; origin?: ValueOrigin };

/**
 * What is known about an unknown value (Terraform's refinements of unknown values). Read it through
 * `catalog/helpers/refinements.ts`, never directly. Every field is optional; an absent field says
 * nothing. The Pulumi front-end sets none (an Output built with `pulumi.interpolate` carries no
 * refinement), so the pack keeps treating such values as wholly unknown.
 */
export interface Refinement {
    /** The value is a string starting with this text (from a template's leading literal). */
    prefix?: string;
    /** The value will not be null. */
    notNull?: boolean;
    /** Bounds on the length of the collection it will be. */
    minLength?: number;
    maxLength?: number;
    /** The value is this attribute of one resource instance, e.g. `{ address: "aws_iam_role.x", type: "aws_iam_role", name: "arn" }`. */
    attribute?: { address: string; type: string; name: string };
}

/**
 * Where the characters of a string came from, for strings that may hold a JSON document (a heredoc
 * policy): each anchor says that the string from offset `at` on was written at `location`. A
 * string's `document`, when set, is the JSON it encodes with every element located where it was
 * written (`jsonencode({...})`, a policy-document data source). Both let IAM findings point at the
 * offending statement instead of the attribute.
 */
export interface TextMap {
    anchors: Array<{ at: number; location: SourceLocation; indent?: number }>;
}

/**
 * Where a value was decided when that is not where it is used: a variable's default, a tfvars
 * file, a module input, a local. Reports show it next to the finding.
 */
export interface ValueOrigin {
    description: string;
    location?: SourceLocation;
    /** The value is sensitive (a Terraform `sensitive = true` variable): reports never show it. */
    sensitive?: boolean;
}

/** The front-end a resource was read from. */
export type FrontEnd = "pulumi" | "terraform" | "cloudformation";

/** One resource in the neutral view. */
export interface Resource {
    /** Stable identity: the URN (Pulumi) or the instance address (Terraform, e.g. `module.a.aws_s3_bucket.b["x"]`). */
    id: string;
    /** Pulumi type token, e.g. `aws:s3/bucket:Bucket`. */
    type: string;
    /** Logical name (Pulumi) or the resource name label (Terraform). */
    name: string;
    /** The resource's properties, always a `map`. */
    props: Extract<Value, { kind: "map" }>;
    /** The resource's own location: its block header, or its URN. */
    source: SourceLocation;
    frontEnd: FrontEnd;
    /** Terraform module chain from the root (`["module.net", "module.sub"]`); empty at the root. */
    modulePath?: string[];
}

/**
 * A reference from one resource's property to another resource: Pulumi `propertyDependencies`,
 * or a Terraform expression such as `aws_kms_key.k.arn`.
 */
export interface Reference {
    from: string;
    /** Top-level property (Pulumi) or dotted attribute path (Terraform, Pulumi spelling) holding the reference. */
    path: string;
    to: string;
}

/**
 * The outcome of one check on one subject. `unknown`: the deciding value is computed and cannot be
 * verified yet. `error`: the check itself failed on this input (reported, never a crashed run).
 */
export type Status = "pass" | "fail" | "unknown" | "not-applicable" | "error";

/** What a check says about a subject, before the runner attaches control metadata. */
export interface CheckResult {
    status: Status;
    /** One sentence a user can act on. Never interpolates values that may be secret. */
    message: string;
    /** The property path the result is about (Pulumi spelling), when there is one. */
    path?: string;
    /** The attribute's own location, or the resource's when the attribute is absent. */
    location: SourceLocation;
    /** The value that decided the result and how it came to be (for reports; never shown by the pack). */
    evidence?: Evidence;
    /**
     * The resource a grant governs when it is not the finding's own resource: the Cloud KMS key or
     * key ring an IAM resource makes public, by its address (or its literal id), so a reviewer of the
     * key finds it. SARIF reports it as a second logical location.
     */
    governs?: { kind: "kms-key" | "kms-key-ring"; name: string };
}

/** The value behind a result: what it was and whether it was written, defaulted or unknown. */
export interface Evidence {
    state: "explicit" | "default" | "unknown";
    value?: unknown;
    /**
     * Where the value was decided when that is not the attribute itself, e.g. "var.internet_access
     * default" at variables.tf:12 (filled in by the Terraform evaluator).
     */
    origin?: ValueOrigin;
}

/** A result attached to a control and a resource: what reporters and the pack consume. */
export interface Finding extends CheckResult {
    controlId: string;
    severity: Severity;
    resourceId: string;
    resourceType: string;
    resourceName: string;
    frontEnd: FrontEnd;
    /** Set when a configured exemption covers this resource; reporters leave such findings out. */
    exemption?: { reason: string };
    /**
     * Terraform: the resource has no instances yet only because its `count` / `for_each` (or a
     * calling module's) comes from variable defaults; it was checked as a template and the finding
     * applies when it is instantiated. It counts toward the exit code like any other.
     */
    whenInstantiated?: true;
}

export type Severity = "critical" | "high" | "medium" | "low";
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

/** Numeric rank: higher is more severe. */
export function severityRank(severity: Severity): number {
    return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export type CloudProvider = "aws" | "gcp";
