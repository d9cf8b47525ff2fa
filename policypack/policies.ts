import type {
    EnforcementLevel,
    Policy,
    ReportViolation,
    ResourceRemediation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { type AnyControl, type JsonSchema, docsUrl } from "../catalog/control";
import { ResourceGraph } from "../catalog/graph";
import type { Finding, Severity } from "../catalog/model";
import { type ControlSettings, checkSubject } from "../catalog/run";
import { adaptResource, adaptStack } from "./adapter";
import { awsNativeMapping, awsNativeToken, cfnTypes } from "../catalog/cloudformation/tables";
import { mechanicalName } from "../catalog/cloudformation/mapping";
import { policyProxy, shareDeserializedProperties } from "./policy-internals";

/** Per-policy settings as in a `--policy-pack-config` file: a level, or a level plus options. */
export type PolicySettings = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & ControlSettings);
export type PackSettings = Record<string, PolicySettings | undefined>;

/** Critical and high controls block a deployment by default; the rest advise. */
export function defaultEnforcementLevel(severity: Severity): EnforcementLevel {
    return severity === "critical" || severity === "high" ? "mandatory" : "advisory";
}

/** The option every policy accepts: exemptions, each with the reason a reviewer will read. */
export const exemptionsSchema: JsonSchema = {
    type: "array",
    description:
        "Resources exempted from this policy. `resource` matches a URN or a logical name (`*` matches any run of characters); a reason is required.",
    items: {
        type: "object",
        properties: {
            resource: { type: "string", minLength: 1 },
            reason: { type: "string", minLength: 3 },
        },
        required: ["resource", "reason"],
        additionalProperties: false,
    },
    default: [],
};

/** The CrossGuard config schema of a control: its own options plus `exemptions`. */
export function configSchemaFor(control: AnyControl): { properties: Record<string, JsonSchema> } {
    const properties: Record<string, JsonSchema> = { exemptions: exemptionsSchema };
    for (const [key, spec] of Object.entries(control.options as Record<string, { description: string; schema: JsonSchema; default: unknown }>)) {
        properties[key] = { ...spec.schema, description: spec.description, default: spec.default };
    }
    return { properties };
}

/**
 * Raised after all definite violations of one validation have been reported, when some results
 * could not be decided because the values they need are computed. The policy server turns it into
 * an advisory "can't run policy … during preview" diagnostic; it never fails the preview.
 */
export class NotYetVerifiable extends policyProxy.UnknownValueError {
    constructor(messages: string[]) {
        super(policyProxy.unknownStringValue, []);
        this.message = messages.join(" ");
    }
}

function settingsFrom(baked: PolicySettings | undefined, fromEngine: Record<string, unknown> | undefined): ControlSettings {
    const base = typeof baked === "object" && baked !== null ? baked : {};
    const { enforcementLevel: _ignored, ...rest } = { ...base, ...(fromEngine ?? {}) } as Record<string, unknown>;
    return rest as ControlSettings;
}

function safeConfig(args: { getConfig: () => object }): Record<string, unknown> {
    try {
        return args.getConfig() as Record<string, unknown>;
    } catch {
        return {};
    }
}

/** The suffix `translateCfnResource` gives a part split off a resource (`urn#BucketEncryption`, `urn#Roles.1`). */
const SPLIT_PART = /#[A-Z][A-Za-z]*(\.\d+)?$/;

/** Reports failures, and raises the undecided results as one advisory diagnostic at the end. */
function reportFindings(findings: Finding[], report: ReportViolation, attribute: boolean): void {
    const undecided: string[] = [];
    for (const f of findings) {
        if (f.exemption) continue;
        // A part split off an aws-native resource has no URN of its own: report it on the resource it came from.
        if (f.status === "fail") report(f.message, attribute ? f.resourceId.replace(SPLIT_PART, "") : undefined);
        else if (f.status === "unknown") undecided.push(f.message);
        else if (f.status === "error") undecided.push(`${f.resourceName}: ${f.message}`);
    }
    if (undecided.length > 0) throw new NotYetVerifiable(undecided);
}

/** The tokens a control's subjects arrive as: their own, and the `aws-native` tokens that map onto them. */
function subjectTokens(control: AnyControl): Set<string> {
    const tokens = new Set(control.subjects.map((t) => t.token));
    for (const t of cfnTypes) if (t.awsNative && tokens.has(t.token)) tokens.add(awsNativeToken(t.awsNative));
    return tokens;
}

/** The property an autofix writes: on an `aws-native` resource, the aws-native name of the neutral property (none when it has none). */
function fixPath(type: string, path: string): string | undefined {
    const mapping = type.startsWith("aws-native:") ? awsNativeMapping(type) : undefined;
    if (!mapping) return path;
    for (const [cfn, spec] of Object.entries(mapping.props)) {
        if ((typeof spec === "string" ? spec : (spec.to ?? mechanicalName(cfn))) === path && (typeof spec === "string" || spec.value === undefined)) return mechanicalName(cfn);
    }
    return undefined;
}

/**
 * One validation for all of a control's subject types. The policy server deserializes a resource's
 * properties once per validation function before calling it, so an array of one function per type
 * would deserialize every resource of every type once per subject type (57 times for a control
 * covering every IAM member resource).
 */
function resourceValidation(control: AnyControl, baked: PolicySettings | undefined): ResourceValidation {
    const tokens = subjectTokens(control);
    const validate: ResourceValidation = (args: ResourceValidationArgs, report: ReportViolation) => {
        if (!tokens.has(args.type)) return;
        const subject = adaptResource({ type: args.type, name: args.name, urn: args.urn, props: args.props });
        const graph = new ResourceGraph([subject]);
        reportFindings(checkSubject(control, subject, graph, settingsFrom(baked, safeConfig(args))), report, false);
    };
    // With a single type the server skips other types without deserializing at all.
    if (tokens.size === 1) (validate as { __pulumiType?: string }).__pulumiType = [...tokens][0];
    return validate;
}

function resourceRemediation(control: AnyControl, baked: PolicySettings | undefined): ResourceRemediation | undefined {
    const fixes = control.autofix;
    if (!fixes || fixes.length === 0) return undefined;
    const tokens = subjectTokens(control);
    return (args) => {
        if (!tokens.has(args.type)) return undefined;
        const subject = adaptResource({ type: args.type, name: args.name, urn: args.urn, props: args.props });
        const findings = checkSubject(control, subject, new ResourceGraph([subject]), settingsFrom(baked, safeConfig(args)));
        const failing = findings.filter((f) => f.status === "fail" && !f.exemption);
        if (failing.length === 0) return undefined;
        // Write through the engine's proxy so secretness of untouched and rewritten keys is kept.
        const props = args.props as Record<string, unknown>;
        for (const fix of fixes) {
            const at = fixPath(args.type, fix.path);
            if (at !== undefined) setPath(props, at, fix.value);
        }
        return props;
    };
}

/** Sets a dotted path (`a.b.c`), creating or replacing whatever is not an object on the way. */
function setPath(props: Record<string, unknown>, path: string, value: unknown): void {
    const segments = path.split(".");
    let target = props;
    for (const segment of segments.slice(0, -1)) {
        const next = target[segment];
        if (typeof next !== "object" || next === null || Array.isArray(next)) target[segment] = {};
        target = target[segment] as Record<string, unknown>;
    }
    target[segments[segments.length - 1]] = value;
}

function stackValidation(control: AnyControl, baked: PolicySettings | undefined) {
    const tokens = subjectTokens(control);
    return (args: StackValidationArgs, report: ReportViolation) => {
        if (!args.resources.some((r) => tokens.has(r.type))) return;
        const graph = stackGraph(args.resources);
        const settings = settingsFrom(baked, safeConfig(args));
        const findings: Finding[] = [];
        for (const subject of graph.ofType(...control.subjects)) {
            for (const f of checkSubject(control, subject, graph, settings)) findings.push(f);
        }
        reportFindings(findings, report, true);
    };
}

/** The last AnalyzeStack request's graph, keyed by its resources' deserialized properties. */
let lastStack: { targets: unknown[]; graph: ResourceGraph } | undefined;

/**
 * One graph per AnalyzeStack request, shared by every stack policy: with the server's
 * deserialization shared ({@link shareDeserializedProperties}), the policies of one request see the
 * same property objects behind their proxies, so identical targets mean the same request. The graph
 * does not depend on a policy's settings.
 */
function stackGraph(resources: StackValidationArgs["resources"]): ResourceGraph {
    const targets = resources.map((r) => (r.props as Record<string, unknown> | undefined)?.[policyProxy.getSpecialProxyTarget]);
    // Only the server's proxies say which request they belong to; plain objects are adapted each time.
    if (targets.some((t) => t === undefined)) return adaptStack(resources);
    const last = lastStack;
    if (last && last.targets.length === targets.length && last.targets.every((t, i) => t === targets[i])) return last.graph;
    const graph = adaptStack(resources);
    lastStack = { targets, graph };
    return graph;
}

function levelFrom(settings: PolicySettings | undefined): EnforcementLevel | undefined {
    if (typeof settings === "string") return settings;
    return settings?.enforcementLevel;
}

/**
 * Builds one CrossGuard policy per control, named by the control's id. `settings` bakes in levels
 * and options (the `initialConfig` shape); the engine's `--policy-pack-config` still overrides them.
 */
export function buildPolicies(controls: readonly AnyControl[], settings: PackSettings = {}): Policy[] {
    shareDeserializedProperties();
    return controls.map((control) => {
        const baked = settings[control.id];
        const base: Policy = {
            name: control.id,
            displayName: control.title,
            // The engine prints the description above every violation; the rationale lives behind `url`.
            description: control.title,
            enforcementLevel: levelFrom(baked) ?? defaultEnforcementLevel(control.severity),
            severity: control.severity,
            remediationSteps: control.remediation.pulumi,
            url: docsUrl(control.id),
            tags: [control.provider, ...control.tags],
            configSchema: configSchemaFor(control) as Policy["configSchema"],
        };
        if (control.scope === "stack") {
            const policy: StackValidationPolicy = { ...base, validateStack: stackValidation(control, baked) };
            return policy;
        }
        const policy: ResourceValidationPolicy = { ...base, validateResource: resourceValidation(control, baked) };
        const remediate = resourceRemediation(control, baked);
        if (remediate) policy.remediateResource = remediate;
        return policy;
    });
}
