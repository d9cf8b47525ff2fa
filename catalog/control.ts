import type { CheckResult, CloudProvider, Resource, Scalar, Severity } from "./model";
import type { ResourceGraph } from "./graph";
import type { ResourceType } from "./resource-types";

/**
 * A resource a control inspects, carrying the SDK `*Args` type of its primary resource type so that
 * property paths are checked by the compiler (see `prop` in `helpers/props.ts`).
 */
export type Subject<Args = unknown> = Resource & { readonly __args?: Args };

/** Framework mappings, keyed by framework; values are the framework's own ids. */
export interface FrameworkMappings {
    "aws-fsbp"?: string[];
    "aws-config"?: string[];
    "cis-aws"?: string[];
    "cis-gcp"?: string[];
    "nist-800-53"?: string[];
    "owasp-ml"?: string[];
    prowler?: string[];
    "gcp-scc"?: string[];
    "gcp-org-policy"?: string[];
}

/** Peer scanners' ids for the same check; their suppression comments are honoured through these. */
export interface PeerAliases {
    checkov?: string[];
    tfsec?: string[];
    trivy?: string[];
    kics?: string[];
    /** cfn-nag rule ids (`Metadata.cfn_nag.rules_to_suppress` in CloudFormation templates). */
    cfnNag?: string[];
}

/** A JSON Schema fragment describing one option (a subset sufficient for CrossGuard config schemas). */
export interface JsonSchema {
    type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
    description?: string;
    items?: JsonSchema;
    properties?: Record<string, JsonSchema>;
    required?: string[];
    enum?: Scalar[];
    minimum?: number;
    maximum?: number;
    minLength?: number;
    default?: unknown;
    additionalProperties?: boolean | JsonSchema;
}

/** One control option: its schema and the value used when the user sets none. */
export interface OptionSpec<T> {
    description: string;
    schema: JsonSchema;
    default: T;
}

export type OptionSpecs<Options> = { [K in keyof Options]: OptionSpec<Options[K]> };

/** A resource in an example stack, in the Pulumi vocabulary. */
export interface ExampleResource {
    type: ResourceType;
    name: string;
    /**
     * Properties as a Pulumi program would pass them. Use `ref(name, attribute)` for a value that
     * comes from another example resource (unknown during preview, joined through
     * `propertyDependencies`), and `computed()` for any other unknown value.
     */
    props: Record<string, unknown>;
}

/**
 * Examples for both front-ends. A `bad` example must make the control fail at least once; a `good`
 * one must produce no failure and no unknown result. The generic examples test runs all of them.
 */
export interface ControlExamples {
    pulumi: { good: ExampleResource[][]; bad: ExampleResource[][] };
    terraform: { good: string[]; bad: string[] };
}

/**
 * A safe automatic fix: setting `path` (a property, dotted for a nested one) to `value` makes the
 * resource pass. The value is a scalar or a one-level object (a MaxItems = 1 block such as
 * `imageScanningConfiguration`).
 */
export interface Autofix {
    path: string;
    value: Scalar | Readonly<Record<string, Scalar>>;
}

/** What a check receives besides its subject. */
export interface CheckContext<Options> {
    graph: ResourceGraph;
    options: Options;
}

/** Metadata that docs, the policy list, SARIF rules and `mlguard rules` are generated from. */
export interface ControlMetadata {
    /** Stable kebab-case id, equal to the control's file name; never reused. */
    id: string;
    title: string;
    severity: Severity;
    provider: CloudProvider;
    /** Why the control matters, in a few sentences. */
    rationale: string;
    /** How to fix a failure, per front-end (Markdown). */
    remediation: { terraform: string; pulumi: string };
    frameworks: FrameworkMappings;
    tags: string[];
    aliases: PeerAliases;
    /**
     * Set when the control's resources have no CloudFormation / `aws-native` equivalent (the
     * generic parity test then checks that none of its subject types is in the CloudFormation
     * tables; the docs show the reason).
     */
    cloudformation?: { unsupported: string };
}

/** A control: metadata, the resource types it inspects, its options, examples and the check itself. */
export interface Control<Args = unknown, Options = Record<string, never>> extends ControlMetadata {
    /** The resource types the check runs on (its subjects). */
    subjects: ResourceType<Args>[];
    /**
     * `resource`: the check needs only the subject (a CrossGuard resource policy, run on Analyze).
     * `stack`: the check joins other resources through the graph (a CrossGuard stack policy).
     */
    scope: "resource" | "stack";
    /** Resource types the check reads besides its subjects (documentation and the stack policy's filter). */
    related?: ResourceType[];
    options: OptionSpecs<Options>;
    autofix?: Autofix[];
    examples: ControlExamples;
    /** Returns at least one result for the subject; never throws on odd input (the runner guards anyway). */
    check(subject: Subject<Args>, context: CheckContext<Options>): CheckResult[];
}

/** A control with its generic parameters erased, as the registry and the front-ends hold it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyControl = Control<any, any>;

/** Identity helper that keeps a control's generic types while checking its shape. */
export function defineControl<Args, Options = Record<string, never>>(control: Control<Args, Options>): Control<Args, Options> {
    return control;
}

/** Where a control's documentation is published. */
export function docsUrl(id: string): string {
    // The docs ship inside the npm package, so the package CDN serves them for every release.
    return `https://unpkg.com/mlguard/docs/controls/${id}.md`;
}
