import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";
import type { LockedModelBucket } from "./locked-model-bucket";
import type { VertexCmekKey } from "./vertex-cmek-key";

const COMPONENT = "SecureWorkbenchInstance";

export interface SecureWorkbenchInstanceArgs {
    project: string;
    /** A zone of the key's region, e.g. `europe-west4-a`. */
    zone: string;
    /** Encrypts the boot and data disks (CMEK). */
    key: VertexCmekKey;
    /** VPC network and subnet (self links or ids). The subnet needs Private Google Access. */
    network: pulumi.Input<string>;
    subnet: pulumi.Input<string>;
    /** The single user of the instance (an e-mail address). */
    owner: string;
    /** Default `e2-standard-4`. */
    machineType?: string;
    bootDiskSizeGb?: number;
    dataDiskSizeGb?: number;
    /** Allow the JupyterLab terminal (off by default). */
    allowTerminal?: boolean;
    /** Idle shutdown in seconds (≥ 600). Default 10800. */
    idleTimeoutSeconds?: number;
    /** Auto-upgrade schedule (cron). Default weekly, Sunday 03:00. */
    upgradeSchedule?: string;
    /** Buckets the instance's service account reads / writes (bucket-scoped roles). */
    readBuckets?: LockedModelBucket[];
    writeBuckets?: LockedModelBucket[];
    /** Confidential VM (AMD SEV); requires an N2D/C2D machine type. */
    confidentialCompute?: boolean;
    labels?: Record<string, string>;
}

/**
 * A Vertex AI Workbench instance with no public IP, no IP forwarding, CMEK boot and data disks,
 * Shielded VM, a dedicated service account (Vertex AI user plus bucket-scoped roles), a single
 * owner who alone may act as that account, root access, downloads and nbconvert disabled,
 * auto-upgrade and idle shutdown on, and deletion protection.
 */
export class SecureWorkbenchInstance extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:gcp:SecureWorkbenchInstance";

    public readonly instance: gcp.workbench.Instance;
    public readonly serviceAccount: gcp.serviceaccount.Account;
    public readonly serviceAccountEmail: pulumi.Output<string>;
    public readonly instanceName: pulumi.Output<string>;

    constructor(name: string, args: SecureWorkbenchInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
        super(SecureWorkbenchInstance.__pulumiType, name, {}, opts);
        const zoneRegion = (args.zone ?? "").replace(/-[a-z]$/, "");
        if (!/-[a-z]$/.test(args.zone ?? "")) {
            throw new MlguardComponentError(COMPONENT, "zone", `"${args.zone}" is not a zone such as "europe-west4-a"`);
        }
        args.key.assertSameRegion(COMPONENT, "zone", zoneRegion);
        if (!/^[^@\s:]+@[^@\s]+\.[a-z]+$/i.test(args.owner ?? "")) {
            throw new MlguardComponentError(COMPONENT, "owner", `must be one user's e-mail address (single-user instance), got ${JSON.stringify(args.owner)}`);
        }
        const idle = args.idleTimeoutSeconds ?? 10800;
        if (!Number.isInteger(idle) || idle < 600) {
            throw new MlguardComponentError(COMPONENT, "idleTimeoutSeconds", `must be a whole number of seconds ≥ 600 (got ${idle})`);
        }
        const schedule = args.upgradeSchedule ?? "0 3 * * SUN";
        if (schedule.trim().split(/\s+/).length !== 5) {
            throw new MlguardComponentError(COMPONENT, "upgradeSchedule", `"${schedule}" is not a five-field cron expression; auto-upgrade cannot be turned off`);
        }
        const accountId = `${name}-workbench`.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 30).replace(/-+$/, "");
        if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(accountId)) {
            throw new MlguardComponentError(COMPONENT, "name", `"${name}" gives the service-account id "${accountId}", which must be 6-30 characters starting with a letter`);
        }
        const labels = { ...(args.labels ?? {}), "mlguard-component": "secure-workbench-instance" };

        this.serviceAccount = new gcp.serviceaccount.Account(`${name}-sa`, {
            project: args.project,
            accountId,
            displayName: `Workbench ${name} (mlguard, dedicated)`,
        }, { parent: this });
        // Built from the account's (known) id output rather than its computed e-mail: known during
        // preview, so the pack can verify the members and the instance's account, and still a dependency.
        const email = pulumi.interpolate`${this.serviceAccount.accountId}@${args.project}.iam.gserviceaccount.com`;
        this.serviceAccountEmail = email;
        const saMember = pulumi.interpolate`serviceAccount:${email}`;
        const afterAccount = { parent: this, dependsOn: [this.serviceAccount] };

        new gcp.projects.IAMMember(`${name}-sa-aiplatform-user`, { project: args.project, role: "roles/aiplatform.user", member: saMember }, afterAccount);
        (args.readBuckets ?? []).forEach((b, i) => {
            new gcp.storage.BucketIAMMember(`${name}-sa-read-${i}`, { bucket: b.bucketName, role: "roles/storage.objectViewer", member: saMember }, afterAccount);
        });
        (args.writeBuckets ?? []).forEach((b, i) => {
            new gcp.storage.BucketIAMMember(`${name}-sa-write-${i}`, { bucket: b.bucketName, role: "roles/storage.objectCreator", member: saMember }, afterAccount);
            new gcp.storage.BucketIAMMember(`${name}-sa-write-read-${i}`, { bucket: b.bucketName, role: "roles/storage.objectViewer", member: saMember }, afterAccount);
        });
        // Only the owner may act as the instance's account: on this account, not project-wide.
        const actAs = new gcp.serviceaccount.IAMMember(`${name}-owner-act-as`, {
            serviceAccountId: pulumi.interpolate`projects/${args.project}/serviceAccounts/${email}`,
            role: "roles/iam.serviceAccountUser",
            member: `user:${args.owner}`,
        }, afterAccount);

        const metadata: Record<string, string> = {
            "notebook-disable-root": "true",
            "notebook-disable-downloads": "true",
            "notebook-disable-nbconvert": "true",
            "notebook-disable-terminal": args.allowTerminal ? "false" : "true",
            "notebook-upgrade-schedule": schedule,
            "idle-timeout-seconds": String(idle),
            "serial-port-logging-enable": "true",
        };
        this.instance = new gcp.workbench.Instance(`${name}-instance`, {
            project: args.project,
            location: args.zone,
            instanceOwners: [args.owner],
            enableDeletionProtection: true,
            disableProxyAccess: false,
            gceSetup: {
                machineType: args.machineType ?? "e2-standard-4",
                disablePublicIp: true,
                enableIpForwarding: false,
                networkInterfaces: [{ network: args.network, subnet: args.subnet }],
                bootDisk: {
                    diskEncryption: "CMEK",
                    kmsKey: args.key.keyId,
                    diskSizeGb: args.bootDiskSizeGb !== undefined ? String(args.bootDiskSizeGb) : undefined,
                },
                dataDisks: {
                    diskEncryption: "CMEK",
                    kmsKey: args.key.keyId,
                    diskSizeGb: args.dataDiskSizeGb !== undefined ? String(args.dataDiskSizeGb) : undefined,
                },
                shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
                confidentialInstanceConfig: args.confidentialCompute ? { confidentialInstanceType: "SEV" } : undefined,
                serviceAccounts: [{ email }],
                metadata,
            },
            labels,
        }, { parent: this, dependsOn: [...args.key.grants, this.serviceAccount, actAs] });
        this.instanceName = this.instance.name;
        this.registerOutputs({ instanceName: this.instanceName, serviceAccountEmail: this.serviceAccountEmail });
    }
}
