import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { type Environment, MlguardComponentError } from "../errors";
import type { VertexCmekKey } from "./vertex-cmek-key";

const COMPONENT = "LockedModelBucket";

export type ModelDataClass = "training-data" | "model-artifacts";
export const DEFAULT_GCS_RETENTION_DAYS: Record<ModelDataClass, number> = { "training-data": 30, "model-artifacts": 365 };
export const PROD_MIN_GCS_RETENTION_DAYS = 30;

const PUBLIC_MEMBERS = new Set(["allUsers", "allAuthenticatedUsers"]);

export interface LockedModelBucketArgs {
    project: string;
    dataClass: ModelDataClass;
    /** `prod` locks the retention policy (irreversible) and retains the bucket on delete. */
    environment: Environment;
    /** Default CMEK key; the bucket is created in the key's region. */
    key: VertexCmekKey;
    /** Retention in days (≥ 30 in prod, ≥ 1 elsewhere). Default by `dataClass`. */
    retentionDays?: number;
    /**
     * Lock the retention policy outside prod too (locking is irreversible: the period can only grow
     * and the bucket cannot be deleted before every object has aged out). Always locked in prod.
     */
    lockRetention?: boolean;
    /** Members that upload (`roles/storage.objectCreator`: no overwrite, no delete). */
    writers?: pulumi.Input<string>[];
    /** Members that read (`roles/storage.objectViewer`). */
    readers?: pulumi.Input<string>[];
    /** Bucket receiving usage / storage logs. */
    logBucket?: pulumi.Input<string>;
    /** Explicit bucket name; default: auto-named from the component name. */
    bucketName?: string;
    labels?: Record<string, string>;
}

/**
 * A Cloud Storage bucket for training data or models that cannot be silently changed: a retention
 * policy (locked in prod), uniform bucket-level access, public access prevention enforced, default
 * CMEK with Google-managed and customer-supplied encryption refused, soft delete, no force-destroy,
 * least-privilege IAM (creators cannot delete), `protect: true`.
 */
export class LockedModelBucket extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:gcp:LockedModelBucket";

    public readonly bucket: gcp.storage.Bucket;
    public readonly bucketName: pulumi.Output<string>;
    public readonly dataClass: ModelDataClass;
    public readonly retentionDays: number;
    public readonly locked: boolean;
    public readonly location: string;

    constructor(name: string, args: LockedModelBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        const prod = args.environment === "prod";
        super(LockedModelBucket.__pulumiType, name, {}, { protect: true, ...(prod ? { retainOnDelete: true } : {}), ...opts });
        if (args.dataClass !== "training-data" && args.dataClass !== "model-artifacts") {
            throw new MlguardComponentError(COMPONENT, "dataClass", `must be "training-data" or "model-artifacts" (got ${JSON.stringify(args.dataClass)})`);
        }
        if (args.lockRetention === false && prod) {
            throw new MlguardComponentError(COMPONENT, "lockRetention", "cannot be false in prod: prod retention policies are always locked");
        }
        const floor = prod ? PROD_MIN_GCS_RETENTION_DAYS : 1;
        const days = args.retentionDays ?? DEFAULT_GCS_RETENTION_DAYS[args.dataClass];
        if (!Number.isInteger(days) || days < floor) {
            throw new MlguardComponentError(COMPONENT, "retentionDays", `must be a whole number of days ≥ ${floor}${prod ? " in prod" : ""} (got ${days})`);
        }
        for (const m of [...(args.writers ?? []), ...(args.readers ?? [])]) {
            if (typeof m === "string" && PUBLIC_MEMBERS.has(m)) {
                throw new MlguardComponentError(COMPONENT, "readers/writers", `"${m}" is a public member; ML buckets are never public`);
            }
        }
        this.dataClass = args.dataClass;
        this.retentionDays = days;
        this.locked = prod || args.lockRetention === true;
        this.location = args.key.region.toUpperCase();
        const labels = { ...(args.labels ?? {}), "mlguard-component": "locked-model-bucket", "ml-data-class": args.dataClass };

        this.bucket = new gcp.storage.Bucket(`${name}-bucket`, {
            project: args.project,
            name: args.bucketName,
            location: this.location,
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            encryption: {
                defaultKmsKeyName: args.key.keyId,
                googleManagedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
                customerSuppliedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
            },
            retentionPolicy: { retentionPeriod: String(days * 86400), isLocked: this.locked },
            softDeletePolicy: { retentionDurationSeconds: 7 * 86400 },
            forceDestroy: false,
            logging: args.logBucket !== undefined ? { logBucket: args.logBucket } : undefined,
            labels,
        }, { parent: this, dependsOn: args.key.grants });
        this.bucketName = this.bucket.name;

        (args.writers ?? []).forEach((member, i) => {
            new gcp.storage.BucketIAMMember(`${name}-writer-${i}`, { bucket: this.bucket.name, role: "roles/storage.objectCreator", member }, { parent: this });
        });
        (args.readers ?? []).forEach((member, i) => {
            new gcp.storage.BucketIAMMember(`${name}-reader-${i}`, { bucket: this.bucket.name, role: "roles/storage.objectViewer", member }, { parent: this });
        });
        this.registerOutputs({ bucketName: this.bucketName });
    }

    /** `gs://<bucket>/<path>`. */
    gsUri(path = ""): pulumi.Output<string> {
        return pulumi.interpolate`gs://${this.bucketName}/${path.replace(/^\/+/, "")}`;
    }
}
