import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { type Environment, MlguardComponentError } from "../errors";

const COMPONENT = "VertexPerimeter";

/** Services every ML perimeter restricts; more may be added, none removed. */
export const CORE_RESTRICTED_SERVICES: readonly string[] = [
    "aiplatform.googleapis.com",
    "notebooks.googleapis.com",
    "storage.googleapis.com",
    "artifactregistry.googleapis.com",
    "cloudkms.googleapis.com",
    "bigquery.googleapis.com",
    "logging.googleapis.com",
];

/** The restricted VIP (`restricted.googleapis.com`). */
export const RESTRICTED_VIP: readonly string[] = ["199.36.153.4", "199.36.153.5", "199.36.153.6", "199.36.153.7"];

export interface VertexPerimeterArgs {
    /** Access policy: its number or `accessPolicies/<number>`. */
    accessPolicy: string;
    /** Perimeter name (letters, digits, underscores). Default from the component name. */
    perimeterName?: string;
    /** Project NUMBERS of the ML projects (not project ids). */
    projectNumbers: string[];
    environment: Environment;
    /** `enforced` (default, forced in prod) or `dry-run` (violations logged, not blocked) for rollout. */
    mode?: "enforced" | "dry-run";
    /** Services restricted in addition to the core ML set. */
    extraRestrictedServices?: string[];
    /**
     * Identities allowed in from outside (admins, CI): each a `user:`, `group:` or `serviceAccount:`
     * member. They reach the perimeter's projects for the restricted services; there is no ANY_IDENTITY rule.
     */
    ingressIdentities?: string[];
    /** Access levels (full names) admitted to the perimeter. */
    accessLevels?: pulumi.Input<string>[];
    /** VPC networks (self links) whose DNS sends `*.googleapis.com` to `restricted.googleapis.com`. */
    dnsNetworks?: pulumi.Input<string>[];
    /** Project hosting the private DNS zone (required with `dnsNetworks`). */
    dnsProject?: string;
}

/**
 * A VPC Service Controls perimeter around the ML projects: Vertex AI, Workbench, Cloud Storage,
 * Artifact Registry, Cloud KMS, BigQuery and Logging restricted; VPC-accessible services limited to
 * the restricted ones; ingress only for named identities; enforced in prod (dry-run allowed
 * elsewhere for rollout); optional private DNS to `restricted.googleapis.com`; `protect: true`.
 */
export class VertexPerimeter extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:gcp:VertexPerimeter";

    public readonly perimeter: gcp.accesscontextmanager.ServicePerimeter;
    public readonly perimeterName: pulumi.Output<string>;
    public readonly restrictedServices: readonly string[];
    public readonly mode: "enforced" | "dry-run";

    constructor(name: string, args: VertexPerimeterArgs, opts?: pulumi.ComponentResourceOptions) {
        super(VertexPerimeter.__pulumiType, name, {}, { protect: true, ...opts });
        const policy = /^(accessPolicies\/)?(\d+)$/.exec(args.accessPolicy ?? "");
        if (!policy) throw new MlguardComponentError(COMPONENT, "accessPolicy", `"${args.accessPolicy}" must be an access policy number or accessPolicies/<number>`);
        const perimeterName = args.perimeterName ?? name.replace(/-/g, "_");
        if (!/^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(perimeterName)) {
            throw new MlguardComponentError(COMPONENT, "perimeterName", `"${perimeterName}" must start with a letter and use letters, digits and underscores (≤ 50)`);
        }
        if (!args.projectNumbers || args.projectNumbers.length === 0) {
            throw new MlguardComponentError(COMPONENT, "projectNumbers", "must list at least one ML project");
        }
        for (const n of args.projectNumbers) {
            if (!/^\d+$/.test(n)) throw new MlguardComponentError(COMPONENT, "projectNumbers", `"${n}" is not a project number; perimeters take project NUMBERS, not ids`);
        }
        const mode = args.mode ?? "enforced";
        if (mode !== "enforced" && mode !== "dry-run") throw new MlguardComponentError(COMPONENT, "mode", `must be "enforced" or "dry-run" (got ${JSON.stringify(mode)})`);
        if (mode === "dry-run" && args.environment === "prod") {
            throw new MlguardComponentError(COMPONENT, "mode", "must be enforced in prod: a dry-run perimeter only logs exfiltration");
        }
        for (const id of args.ingressIdentities ?? []) {
            if (!/^(user|group|serviceAccount):[^\s*]+@[^\s*]+$/.test(id)) {
                throw new MlguardComponentError(COMPONENT, "ingressIdentities", `"${id}" must be a user:, group: or serviceAccount: member (no wildcards, no ANY_IDENTITY)`);
            }
        }
        for (const s of args.extraRestrictedServices ?? []) {
            if (!/^[a-z0-9-]+\.googleapis\.com$/.test(s)) throw new MlguardComponentError(COMPONENT, "extraRestrictedServices", `"${s}" is not a service name such as "bigtable.googleapis.com"`);
        }
        if ((args.dnsNetworks ?? []).length > 0 && !args.dnsProject) {
            throw new MlguardComponentError(COMPONENT, "dnsProject", "is required with dnsNetworks");
        }
        const services = [...new Set([...CORE_RESTRICTED_SERVICES, ...(args.extraRestrictedServices ?? [])])];
        this.restrictedServices = services;
        this.mode = mode;
        const resources = args.projectNumbers.map((n) => `projects/${n}`);
        const config: gcp.types.input.accesscontextmanager.ServicePerimeterStatus = {
            resources,
            restrictedServices: services,
            accessLevels: args.accessLevels,
            vpcAccessibleServices: { enableRestriction: true, allowedServices: ["RESTRICTED-SERVICES"] },
            ingressPolicies: (args.ingressIdentities ?? []).length > 0 ? [{
                title: "named administrators and CI",
                ingressFrom: { identities: args.ingressIdentities, sources: [{ accessLevel: "*" }] },
                ingressTo: { resources: resources, operations: services.map((serviceName) => ({ serviceName, methodSelectors: [{ method: "*" }] })) },
            }] : undefined,
        };
        this.perimeter = new gcp.accesscontextmanager.ServicePerimeter(`${name}-perimeter`, {
            parent: `accessPolicies/${policy[2]}`,
            name: `accessPolicies/${policy[2]}/servicePerimeters/${perimeterName}`,
            title: perimeterName,
            description: "ML perimeter managed by mlguard",
            perimeterType: "PERIMETER_TYPE_REGULAR",
            ...(mode === "enforced" ? { status: config } : { useExplicitDryRunSpec: true, spec: config }),
        }, { parent: this });
        this.perimeterName = this.perimeter.name;

        if ((args.dnsNetworks ?? []).length > 0) {
            const zone = new gcp.dns.ManagedZone(`${name}-googleapis`, {
                project: args.dnsProject,
                dnsName: "googleapis.com.",
                visibility: "private",
                description: "Sends Google APIs to restricted.googleapis.com (VPC Service Controls)",
                privateVisibilityConfig: { networks: args.dnsNetworks!.map((networkUrl) => ({ networkUrl })) },
            }, { parent: this });
            new gcp.dns.RecordSet(`${name}-restricted-a`, {
                project: args.dnsProject,
                managedZone: zone.name,
                name: "restricted.googleapis.com.",
                type: "A",
                ttl: 300,
                rrdatas: [...RESTRICTED_VIP],
            }, { parent: this });
            new gcp.dns.RecordSet(`${name}-wildcard-cname`, {
                project: args.dnsProject,
                managedZone: zone.name,
                name: "*.googleapis.com.",
                type: "CNAME",
                ttl: 300,
                rrdatas: ["restricted.googleapis.com."],
            }, { parent: this });
        }
        this.registerOutputs({ perimeterName: this.perimeterName });
    }
}
