/**
 * Component-test capture: runs a program under `pulumi.runtime.setMocks` through the pack's
 * `captureProgram` (which wraps the mock monitor's `registerResource` to record parent, dependencies
 * and property dependencies) and adds what component tests need on top: realistic computed outputs
 * (ARNs, ids, emails) in update mode, answers to the identity look-ups the components make, and
 * whether each resource is custom and protected. `toStackResources` hands a capture to
 * `analyzeStack`, so a component is checked by the very policy pack that guards user stacks.
 *
 * `setMocks` keeps its state in the process-wide Pulumi store; every capture installs a fresh mock
 * monitor (`setMocks` resets the runtime options), so captures never leak into each other.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type StackResource, captureProgram } from "../../policypack/testing";
import { policyProxy } from "../../policypack/policy-internals";

/** One registered resource as the engine would record it. */
export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    /** Custom resource (provider-managed) or component. */
    custom: boolean;
    /** Inputs in wire form: unknown values are the engine's unknown sentinel, secrets are envelopes. */
    inputs: Record<string, unknown>;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
}

export interface CaptureOptions {
    /** `true` runs as `pulumi preview`: outputs the mocks do not echo stay unknown. */
    preview?: boolean;
    project?: string;
    stack?: string;
    /** Extra outputs per resource (after the defaults); return `undefined` to keep the defaults. */
    outputs?: (args: pulumi.runtime.MockResourceArgs) => Record<string, unknown> | undefined;
    /** Invoke results; the defaults answer the AWS/GCP identity look-ups the components use. */
    call?: (args: { token: string; inputs: Record<string, unknown> }) => Record<string, unknown> | undefined;
}

export const MOCK_ACCOUNT_ID = "111122223333";
export const MOCK_AWS_REGION = "eu-west-1";
export const MOCK_GCP_PROJECT = "ml-research-prod";
export const MOCK_GCP_PROJECT_NUMBER = "123456789012";

function defaultCall(args: { token: string; inputs: Record<string, any> }): Record<string, unknown> {
    switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/deployer`, userId: "AIDA", id: MOCK_ACCOUNT_ID };
        case "aws:index/getRegion:getRegion":
            return { region: MOCK_AWS_REGION, name: MOCK_AWS_REGION, id: MOCK_AWS_REGION, description: "Europe (Ireland)" };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
        case "gcp:organizations/getProject:getProject":
            return {
                projectId: args.inputs.projectId ?? MOCK_GCP_PROJECT,
                number: MOCK_GCP_PROJECT_NUMBER,
                name: args.inputs.projectId ?? MOCK_GCP_PROJECT,
                id: `projects/${args.inputs.projectId ?? MOCK_GCP_PROJECT}`,
            };
        case "gcp:storage/getProjectServiceAccount:getProjectServiceAccount":
            return {
                emailAddress: `service-${MOCK_GCP_PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`,
                member: `serviceAccount:service-${MOCK_GCP_PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`,
                project: args.inputs.project ?? MOCK_GCP_PROJECT,
                id: "gcs-agent",
            };
        default:
            return {};
    }
}

/** Plausible computed outputs, so joins on ARNs and ids resolve as they would after `pulumi up`. */
function computedOutputs(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
    const [pkg, mod] = args.type.split(":");
    const name = args.name;
    const inputs = args.inputs as Record<string, unknown>;
    if (pkg === "aws") {
        const service = (mod ?? "").split("/")[0];
        const out: Record<string, unknown> = {
            arn: `arn:aws:${service}:${MOCK_AWS_REGION}:${MOCK_ACCOUNT_ID}:${name}`,
            tagsAll: inputs.tags ?? {},
            // Auto-named resources get their physical name from the provider.
            name: inputs.name ?? `${name}-abc123`,
        };
        switch (args.type) {
            case "aws:s3/bucket:Bucket": {
                const bucket = (inputs.bucket as string | undefined) ?? `${name}-abc123`;
                Object.assign(out, { id: bucket, bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com` });
                break;
            }
            case "aws:iam/role:Role":
                Object.assign(out, { arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${(inputs.name as string) ?? name}`, name: inputs.name ?? name });
                break;
            case "aws:kms/key:Key":
                Object.assign(out, { keyId: `${name}-key-id`, arn: `arn:aws:kms:${MOCK_AWS_REGION}:${MOCK_ACCOUNT_ID}:key/${name}-key-id` });
                break;
            case "aws:ecr/repository:Repository":
                Object.assign(out, { repositoryUrl: `${MOCK_ACCOUNT_ID}.dkr.ecr.${MOCK_AWS_REGION}.amazonaws.com/${inputs.name ?? name}` });
                break;
            case "aws:ec2/vpcEndpoint:VpcEndpoint":
                Object.assign(out, { prefixListId: "pl-6da54004" });
                break;
            case "aws:sagemaker/domain:Domain":
                Object.assign(out, { homeEfsFileSystemId: "fs-123", securityGroupIdForDomainBoundary: "sg-boundary" });
                break;
        }
        return out;
    }
    if (pkg === "gcp") {
        const out: Record<string, unknown> = {};
        switch (args.type) {
            case "gcp:kms/keyRing:KeyRing":
                out.id = `projects/${inputs.project ?? MOCK_GCP_PROJECT}/locations/${inputs.location}/keyRings/${inputs.name ?? name}`;
                break;
            case "gcp:kms/cryptoKey:CryptoKey":
                out.id = `${inputs.keyRing}/cryptoKeys/${inputs.name ?? name}`;
                break;
            case "gcp:serviceaccount/account:Account": {
                const email = `${inputs.accountId}@${inputs.project ?? MOCK_GCP_PROJECT}.iam.gserviceaccount.com`;
                Object.assign(out, { email, member: `serviceAccount:${email}`, name: `projects/${MOCK_GCP_PROJECT}/serviceAccounts/${email}` });
                break;
            }
            case "gcp:storage/bucket:Bucket":
                Object.assign(out, { name: inputs.name ?? `${name}-abc123`, url: `gs://${inputs.name ?? name}` });
                break;
            case "gcp:projects/serviceIdentity:ServiceIdentity":
                out.email = `service-${MOCK_GCP_PROJECT_NUMBER}@gcp-sa-${String(inputs.service).split(".")[0]}.iam.gserviceaccount.com`;
                out.member = `serviceAccount:${out.email}`;
                break;
            case "gcp:accesscontextmanager/accessPolicy:AccessPolicy":
                out.name = "987654321";
                break;
        }
        return out;
    }
    return {};
}

/**
 * Runs `program` under mocks (through the pack's own `captureProgram`) and returns every resource
 * it registered, in registration order, with realistic computed outputs and identity look-ups.
 * Errors thrown by the program (e.g. a component rejecting its inputs) propagate.
 */
export async function capturePulumi(program: () => unknown, options: CaptureOptions = {}): Promise<CapturedResource[]> {
    const preview = options.preview ?? false;
    const extra = new Map<string, { custom: boolean; protect: boolean }>();
    const resources = await captureProgram(program, {
        preview,
        project: options.project ?? "mlguard-test",
        stack: options.stack ?? "dev",
        // During preview the engine only knows the inputs; computed outputs stay unknown.
        outputs: (type, name, inputs) => {
            if (preview) return {};
            const args = { type, name, inputs, custom: true };
            return { ...computedOutputs(args), ...inputs, ...(options.outputs?.(args) ?? {}) };
        },
        id: (type, name, inputs) => {
            const outputs = computedOutputs({ type, name, inputs, custom: true });
            return typeof outputs.id === "string" ? outputs.id : undefined;
        },
        call: (token, inputs) => ({ ...defaultCall({ token, inputs }), ...(options.call?.({ token, inputs }) ?? {}) }),
        onRegister: (r) => extra.set(r.urn, r),
    });
    return resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        custom: extra.get(r.urn)?.custom ?? true,
        inputs: r.props,
        parent: r.parent,
        dependencies: r.dependencies ?? [],
        propertyDependencies: r.propertyDependencies ?? {},
        protect: extra.get(r.urn)?.protect ?? false,
    }));
}

const UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Captured resources → what `pulumi preview` sends the analyzer (unknowns as the policy sentinel). */
export function toStackResources(resources: readonly CapturedResource[]): StackResource[] {
    const convert = (v: unknown): unknown => {
        if (v === UNKNOWN_WIRE) return policyProxy.unknownStringValue;
        if (Array.isArray(v)) return v.map(convert);
        if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)]));
        return v;
    };
    return resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        props: convert(r.inputs) as Record<string, unknown>,
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
    }));
}

/** Lookup helpers for assertions. */
export class Capture {
    constructor(readonly resources: readonly CapturedResource[]) {}

    ofType(type: string): CapturedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The single resource of `type` (optionally whose name ends with `suffix`); throws otherwise. */
    one(type: string, suffix?: string): CapturedResource {
        const found = this.ofType(type).filter((r) => suffix === undefined || r.name.endsWith(suffix));
        if (found.length !== 1) {
            throw new Error(`expected one ${type}${suffix ? ` named *${suffix}` : ""}, found ${found.map((r) => r.name).join(", ") || "none"}`);
        }
        return found[0]!;
    }

    byUrn(urn: string): CapturedResource | undefined {
        return this.resources.find((r) => r.urn === urn);
    }

    /** True when `prop` of `resource` takes its value from `target` (a property dependency). */
    dependsThrough(resource: CapturedResource, prop: string, target: CapturedResource): boolean {
        return (resource.propertyDependencies[prop] ?? []).includes(target.urn);
    }
}

export function isUnknownWire(v: unknown): boolean {
    return v === UNKNOWN_WIRE;
}

/**
 * Captures a Pulumi program given as a module path (loaded afresh each time), with `config` set as
 * `pulumi config set` would (keys without a namespace get the project's).
 */
export async function captureProgramModule(modulePath: string, options: CaptureOptions & { config?: Record<string, string> } = {}): Promise<CapturedResource[]> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runtime = require("@pulumi/pulumi").runtime as typeof pulumi.runtime;
    const project = options.project ?? "mlguard-test";
    const resolved = require.resolve(modulePath);
    runtime.setAllConfig(Object.fromEntries(Object.entries(options.config ?? {}).map(([k, v]) => [k.includes(":") ? k : `${project}:${k}`, v])));
    try {
        return await capturePulumi(() => {
            delete require.cache[resolved];
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            return require(resolved);
        }, { ...options, project });
    } finally {
        runtime.setAllConfig({});
    }
}
