import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";
import type { MlKmsKey } from "./ml-kms-key";
import type { MlPrivateNetwork } from "./ml-private-network";
import type { SageMakerExecutionRole } from "./sagemaker-execution-role";

const COMPONENT = "SecureNotebookInstance";

/** Supported notebook platforms (AL2023). AL1 and AL2 platforms are deprecated or on their way out. */
export type NotebookPlatform = "notebook-al2023-v1";
export const SUPPORTED_NOTEBOOK_PLATFORMS: readonly NotebookPlatform[] = ["notebook-al2023-v1"];

export interface NotebookLifecycle {
    /** Shell script run once when the notebook is created (plain text; encoded here). */
    onCreate?: string;
    /** Shell script run at every start (plain text), e.g. idle auto-stop or a pip mirror config. */
    onStart?: string;
}

export interface SecureNotebookInstanceArgs {
    network: MlPrivateNetwork;
    key: MlKmsKey;
    role: SageMakerExecutionRole;
    /** Which of the network's private subnets (by AZ order). Default 0. */
    subnetIndex?: number;
    /** Default `ml.t3.medium`. */
    instanceType?: string;
    /** ML storage volume in GB, 5-16384. Default 20. */
    volumeSizeInGb?: number;
    platformIdentifier?: NotebookPlatform;
    lifecycle?: NotebookLifecycle;
    /** HTTPS Git URLs or SageMaker code-repository names; URLs may not embed credentials. */
    defaultCodeRepository?: string;
    additionalCodeRepositories?: string[];
    tags?: Record<string, string>;
}

/** Returns why a code repository reference is refused, if it is. */
export function codeRepositoryProblem(repo: string): string | undefined {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(repo)) return undefined; // a SageMaker code-repository name
    let url: URL;
    try {
        url = new URL(repo);
    } catch {
        return `"${repo}" is not a valid URL`;
    }
    if (url.protocol !== "https:") return `"${repo}" must use https://`;
    if (url.username || url.password) return `"${url.host}" URL embeds credentials; use a SageMaker code repository with a Secrets Manager secret`;
    return undefined;
}

/**
 * A SageMaker notebook instance with no direct internet access, root access disabled, its volume
 * encrypted with an `MlKmsKey`, placed in a private subnet of an `MlPrivateNetwork` with the
 * workload security group, IMDSv2 only, on a supported platform, running as a
 * `SageMakerExecutionRole`.
 */
export class SecureNotebookInstance extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:aws:SecureNotebookInstance";

    public readonly notebook: aws.sagemaker.NotebookInstance;
    public readonly notebookName: pulumi.Output<string>;
    public readonly notebookArn: pulumi.Output<string>;

    constructor(name: string, args: SecureNotebookInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
        super(SecureNotebookInstance.__pulumiType, name, {}, opts);
        const subnetIndex = args.subnetIndex ?? 0;
        if (!Number.isInteger(subnetIndex) || subnetIndex < 0 || subnetIndex >= args.network.subnets.length) {
            throw new MlguardComponentError(COMPONENT, "subnetIndex", `must pick one of the network's ${args.network.subnets.length} private subnets (0-${args.network.subnets.length - 1}), got ${subnetIndex}`);
        }
        const platform = args.platformIdentifier ?? "notebook-al2023-v1";
        if (!SUPPORTED_NOTEBOOK_PLATFORMS.includes(platform)) {
            throw new MlguardComponentError(COMPONENT, "platformIdentifier", `"${platform}" is not a supported platform (${SUPPORTED_NOTEBOOK_PLATFORMS.join(", ")})`);
        }
        const volume = args.volumeSizeInGb ?? 20;
        if (!Number.isInteger(volume) || volume < 5 || volume > 16384) {
            throw new MlguardComponentError(COMPONENT, "volumeSizeInGb", `must be a whole number from 5 to 16384 (got ${volume})`);
        }
        const repos = [args.defaultCodeRepository, ...(args.additionalCodeRepositories ?? [])].filter((r): r is string => r !== undefined);
        for (const repo of repos) {
            const problem = codeRepositoryProblem(repo);
            if (problem) throw new MlguardComponentError(COMPONENT, "defaultCodeRepository/additionalCodeRepositories", problem);
        }
        const tags = { ...(args.tags ?? {}), "mlguard:component": COMPONENT };

        let lifecycleConfigName: pulumi.Output<string> | undefined;
        if (args.lifecycle && (args.lifecycle.onCreate || args.lifecycle.onStart)) {
            const encode = (s: string | undefined) => (s === undefined ? undefined : Buffer.from(s, "utf8").toString("base64"));
            const lc = new aws.sagemaker.NotebookInstanceLifecycleConfiguration(`${name}-lifecycle`, {
                onCreate: encode(args.lifecycle.onCreate),
                onStart: encode(args.lifecycle.onStart),
            }, { parent: this });
            lifecycleConfigName = lc.name;
        }

        this.notebook = new aws.sagemaker.NotebookInstance(`${name}-notebook`, {
            instanceType: args.instanceType ?? "ml.t3.medium",
            roleArn: args.role.roleArn,
            directInternetAccess: "Disabled",
            rootAccess: "Disabled",
            kmsKeyId: args.key.keyArn,
            subnetId: args.network.subnets[subnetIndex]!.id,
            securityGroups: [args.network.workloadSecurityGroupId],
            instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" },
            platformIdentifier: platform,
            volumeSize: volume,
            lifecycleConfigName,
            defaultCodeRepository: args.defaultCodeRepository,
            additionalCodeRepositories: args.additionalCodeRepositories,
            tags,
        }, { parent: this });
        this.notebookName = this.notebook.name;
        this.notebookArn = this.notebook.arn;
        this.registerOutputs({ notebookName: this.notebookName, notebookArn: this.notebookArn });
    }
}
