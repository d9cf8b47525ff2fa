import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";

const COMPONENT = "VertexCmekKey";

/** Google service agents that encrypt ML data with the key. */
export type ServiceAgent = "aiplatform" | "storage" | "compute" | "notebooks";
export const ALL_SERVICE_AGENTS: readonly ServiceAgent[] = ["aiplatform", "storage", "compute", "notebooks"];

/** The service agent's e-mail domain, and the API whose agent `ServiceIdentity` materializes. */
const AGENTS: Record<ServiceAgent, { domain: string; api?: string }> = {
    aiplatform: { domain: "gcp-sa-aiplatform.iam.gserviceaccount.com", api: "aiplatform.googleapis.com" },
    storage: { domain: "gs-project-accounts.iam.gserviceaccount.com" },
    compute: { domain: "compute-system.iam.gserviceaccount.com" },
    notebooks: { domain: "gcp-sa-notebooks.iam.gserviceaccount.com", api: "notebooks.googleapis.com" },
};

const PUBLIC_MEMBERS = new Set(["allUsers", "allAuthenticatedUsers"]);

export interface VertexCmekKeyArgs {
    /** Project holding the key ring (ideally a separate key project) and whose service agents use it. */
    project: string;
    /** The Vertex AI region (e.g. `europe-west4`); keys must be in the same region as the resources. Never `global`. */
    region: string;
    /** Project whose service agents encrypt with the key; default `project`. */
    workloadProject?: string;
    /** Key ring / key names (they can never be deleted in GCP: choose them carefully). Defaults derive from the component name. */
    keyRingName?: string;
    keyName?: string;
    /** Rotation period in days, 1-90. Default 90. */
    rotationDays?: number;
    /** HSM protection level instead of SOFTWARE. */
    hsm?: boolean;
    /** Which agents get Encrypter/Decrypter. Default: all four (Vertex AI, Cloud Storage, Compute, Notebooks). */
    serviceAgents?: ServiceAgent[];
    /** Extra service-account members (`serviceAccount:…`) granted Encrypter/Decrypter; never users or public members. */
    extraEncrypterMembers?: string[];
    /** Key-ring administrators (`roles/cloudkms.admin` on the ring); they may never also encrypt/decrypt. */
    keyRingAdmins?: string[];
    labels?: Record<string, string>;
}

/**
 * A Cloud KMS key for Vertex AI CMEK: a regional key ring, a key rotating at most every 90 days with
 * a 30-day destroy delay, the Google service agents (materialized with `ServiceIdentity`) granted
 * Encrypter/Decrypter on the key only, admins on the ring kept separate from encrypters, and
 * `protect: true`. Resources using the key should `dependsOn: key.grants` (the components do).
 */
export class VertexCmekKey extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:gcp:VertexCmekKey";

    public readonly keyRing: gcp.kms.KeyRing;
    public readonly cryptoKey: gcp.kms.CryptoKey;
    /** The key's resource name, `projects/…/locations/<region>/keyRings/…/cryptoKeys/…`. */
    public readonly keyId: pulumi.Output<string>;
    public readonly region: string;
    public readonly project: string;
    public readonly workloadProject: string;
    public readonly keyRingId: pulumi.Output<string>;
    /** The service-agent grants; CMEK resources must be created after them. */
    public readonly grants: gcp.kms.CryptoKeyIAMMember[];
    public readonly projectNumber: pulumi.Output<string>;

    constructor(name: string, args: VertexCmekKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super(VertexCmekKey.__pulumiType, name, {}, { protect: true, ...opts });
        if (!args.project) throw new MlguardComponentError(COMPONENT, "project", "is required (the project is not inferred from the provider)");
        if (!/^[a-z]+-[a-z]+\d+$/.test(args.region ?? "")) {
            throw new MlguardComponentError(COMPONENT, "region", `must be a Vertex AI region such as "europe-west4" (got ${JSON.stringify(args.region)}); "global" and multi-regions cannot encrypt regional Vertex resources`);
        }
        const rotationDays = args.rotationDays ?? 90;
        if (!Number.isInteger(rotationDays) || rotationDays < 1 || rotationDays > 90) {
            throw new MlguardComponentError(COMPONENT, "rotationDays", `must be a whole number of days from 1 to 90 (got ${rotationDays})`);
        }
        for (const m of args.extraEncrypterMembers ?? []) {
            if (PUBLIC_MEMBERS.has(m) || !m.startsWith("serviceAccount:")) {
                throw new MlguardComponentError(COMPONENT, "extraEncrypterMembers", `"${m}" is not a service account: only service agents and workload service accounts may use the key`);
            }
        }
        for (const m of args.keyRingAdmins ?? []) {
            if (PUBLIC_MEMBERS.has(m)) throw new MlguardComponentError(COMPONENT, "keyRingAdmins", `"${m}" is a public member`);
            if ((args.extraEncrypterMembers ?? []).includes(m)) {
                throw new MlguardComponentError(COMPONENT, "keyRingAdmins", `"${m}" is also an encrypter: key administration and key use are separate duties`);
            }
        }
        this.region = args.region;
        this.project = args.project;
        this.workloadProject = args.workloadProject ?? args.project;
        const labels = { ...(args.labels ?? {}), "mlguard-component": "vertex-cmek-key" };

        this.keyRing = new gcp.kms.KeyRing(`${name}-ring`, {
            project: args.project,
            location: args.region,
            name: args.keyRingName ?? `${name}-ring`,
        }, { parent: this });
        // Resource names built from the (known) name outputs: known during preview, and they still carry
        // the dependency on the ring / key, so the pack can both read the location and join the key.
        const keyRingId = pulumi.interpolate`projects/${args.project}/locations/${args.region}/keyRings/${this.keyRing.name}`;
        this.cryptoKey = new gcp.kms.CryptoKey(`${name}-key`, {
            keyRing: keyRingId,
            name: args.keyName ?? `${name}-key`,
            purpose: "ENCRYPT_DECRYPT",
            rotationPeriod: `${rotationDays * 86400}s`,
            destroyScheduledDuration: `${30 * 86400}s`,
            versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: args.hsm ? "HSM" : "SOFTWARE" },
            labels,
        }, { parent: this });
        this.keyId = pulumi.interpolate`${keyRingId}/cryptoKeys/${this.cryptoKey.name}`;

        this.projectNumber = gcp.organizations.getProjectOutput({ projectId: this.workloadProject }, { parent: this }).apply((p) => p.number);
        const agents = args.serviceAgents ?? [...ALL_SERVICE_AGENTS];
        this.grants = [];
        for (const agent of agents) {
            const { domain, api } = AGENTS[agent];
            // Service agents may not exist until the API is first used; ServiceIdentity creates them (beta).
            const identity = api
                ? new gcp.projects.ServiceIdentity(`${name}-${agent}-agent`, { project: this.workloadProject, service: api }, { parent: this })
                : undefined;
            this.grants.push(new gcp.kms.CryptoKeyIAMMember(`${name}-${agent}-encrypter`, {
                cryptoKeyId: this.keyId,
                role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
                member: pulumi.interpolate`serviceAccount:service-${this.projectNumber}@${domain}`,
            }, { parent: this, dependsOn: identity ? [identity] : [] }));
        }
        (args.extraEncrypterMembers ?? []).forEach((member, i) => {
            this.grants.push(new gcp.kms.CryptoKeyIAMMember(`${name}-extra-encrypter-${i}`, {
                cryptoKeyId: this.keyId,
                role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
                member,
            }, { parent: this }));
        });
        (args.keyRingAdmins ?? []).forEach((member, i) => {
            new gcp.kms.KeyRingIAMMember(`${name}-ring-admin-${i}`, {
                keyRingId,
                role: "roles/cloudkms.admin",
                member,
            }, { parent: this });
        });
        this.keyRingId = keyRingId;
        this.registerOutputs({ keyId: this.keyId, keyRingId });
    }

    /** Throws unless `region` is the key's region (Vertex needs the key where the resource is). */
    assertSameRegion(component: string, input: string, region: string): void {
        if (region !== this.region) {
            throw new MlguardComponentError(component, input, `"${region}" differs from the CMEK key's region "${this.region}"; Vertex AI needs the key in the same region as the resource`);
        }
    }
}
