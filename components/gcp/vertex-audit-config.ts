import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";

const COMPONENT = "VertexAuditConfig";

/** Services whose Data Access logs are always on; the list may grow, never shrink. */
export const AUDITED_SERVICES: readonly string[] = [
    "aiplatform.googleapis.com",
    "notebooks.googleapis.com",
    "storage.googleapis.com",
    "cloudkms.googleapis.com",
];

export interface VertexAuditConfigArgs {
    /** The project (not inferred from the provider). */
    project: string;
    /** More services to audit (e.g. `bigquery.googleapis.com`), or `allServices`. */
    extraServices?: string[];
}

/**
 * Data Access audit logs (ADMIN_READ, DATA_READ, DATA_WRITE) for Vertex AI, Workbench, Cloud
 * Storage and Cloud KMS in one project, with no exempted members. Storage DATA_READ is voluminous:
 * scope it with exclusion filters on the log sink, never by exempting principals here.
 */
export class VertexAuditConfig extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:gcp:VertexAuditConfig";

    public readonly services: readonly string[];
    public readonly auditConfigs: gcp.projects.IAMAuditConfig[];

    constructor(name: string, args: VertexAuditConfigArgs, opts?: pulumi.ComponentResourceOptions) {
        super(VertexAuditConfig.__pulumiType, name, {}, opts);
        if (!args.project) throw new MlguardComponentError(COMPONENT, "project", "is required (the SDK does not infer it from the provider)");
        for (const s of args.extraServices ?? []) {
            if (s !== "allServices" && !/^[a-z0-9-]+\.googleapis\.com$/.test(s)) {
                throw new MlguardComponentError(COMPONENT, "extraServices", `"${s}" is not a service name such as "bigquery.googleapis.com" or "allServices"`);
            }
        }
        this.services = [...new Set([...AUDITED_SERVICES, ...(args.extraServices ?? [])])];
        this.auditConfigs = this.services.map((service) => new gcp.projects.IAMAuditConfig(`${name}-${service.split(".")[0]}`, {
            project: args.project,
            service,
            auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
        }, { parent: this }));
        this.registerOutputs({ services: this.services });
    }
}
