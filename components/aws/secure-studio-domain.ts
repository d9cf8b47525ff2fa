import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";
import type { MlKmsKey } from "./ml-kms-key";
import type { MlPrivateNetwork } from "./ml-private-network";
import type { SageMakerExecutionRole } from "./sagemaker-execution-role";

const COMPONENT = "SecureStudioDomain";

export interface SecureStudioDomainArgs {
    network: MlPrivateNetwork;
    key: MlKmsKey;
    /** Default execution role of every user profile (and the domain's spaces). */
    defaultRole: SageMakerExecutionRole;
    /** IAM Identity Center (`SSO`, default) or IAM. */
    authMode?: "SSO" | "IAM";
    /** Domain name; default: the component name. */
    domainName?: string;
    /** Default JupyterLab / JupyterServer instance type. */
    defaultInstanceType?: string;
    /** Lifecycle configuration ARNs offered to JupyterLab apps. */
    lifecycleConfigArns?: pulumi.Input<string>[];
    /** Idle shutdown of JupyterLab apps, in minutes (60-525600). Default 120. */
    idleTimeoutInMinutes?: number;
    tags?: Record<string, string>;
}

export interface StudioUserProfileArgs {
    /** Profile name; also the source identity recorded in CloudTrail. */
    userProfileName: string;
    /** IAM Identity Center user name (required when the domain uses SSO). */
    ssoUserName?: string;
    /** A per-user execution role; default: the domain's. */
    executionRole?: SageMakerExecutionRole;
    tags?: Record<string, string>;
}

/**
 * A SageMaker Studio domain reachable only from the VPC (`VpcOnly`) in an `MlPrivateNetwork`'s
 * private subnets, its EFS encrypted with an `MlKmsKey`, security groups on the domain and every
 * user, notebook-output sharing disabled, Docker access disabled, source identity per user profile,
 * home directories retained on delete. `addUserProfile` creates users that inherit all of it.
 */
export class SecureStudioDomain extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:aws:SecureStudioDomain";

    public readonly domain: aws.sagemaker.Domain;
    public readonly domainId: pulumi.Output<string>;
    public readonly domainArn: pulumi.Output<string>;
    public readonly authMode: "SSO" | "IAM";
    private readonly componentName: string;
    private readonly network: MlPrivateNetwork;
    private readonly defaultRole: SageMakerExecutionRole;
    private readonly tags: Record<string, string>;

    constructor(name: string, args: SecureStudioDomainArgs, opts?: pulumi.ComponentResourceOptions) {
        super(SecureStudioDomain.__pulumiType, name, {}, opts);
        const authMode = args.authMode ?? "SSO";
        if (authMode !== "SSO" && authMode !== "IAM") {
            throw new MlguardComponentError(COMPONENT, "authMode", `must be "SSO" or "IAM" (got ${JSON.stringify(authMode)})`);
        }
        const idle = args.idleTimeoutInMinutes ?? 120;
        if (!Number.isInteger(idle) || idle < 60 || idle > 525600) {
            throw new MlguardComponentError(COMPONENT, "idleTimeoutInMinutes", `must be a whole number of minutes from 60 to 525600 (got ${idle})`);
        }
        if (!args.defaultRole.sourceIdentity) {
            throw new MlguardComponentError(COMPONENT, "defaultRole", "the role must be created with `studioSourceIdentity: true`: the domain records each user's identity (USER_PROFILE_NAME), which needs sts:SetSourceIdentity in the role's trust policy");
        }
        if (args.network.hasInspectedEgress) {
            pulumi.log.warn(`${COMPONENT} ${name}: the network routes to an inspected NAT (mlguard:exception); Studio stays VpcOnly`, this);
        }
        this.authMode = authMode;
        this.componentName = name;
        this.network = args.network;
        this.defaultRole = args.defaultRole;
        this.tags = { ...(args.tags ?? {}), "mlguard:component": COMPONENT };
        const sg = args.network.workloadSecurityGroupId;

        this.domain = new aws.sagemaker.Domain(`${name}-domain`, {
            domainName: args.domainName ?? name,
            authMode,
            appNetworkAccessType: "VpcOnly",
            vpcId: args.network.vpcId,
            subnetIds: args.network.subnetIds,
            kmsKeyId: args.key.keyArn,
            defaultUserSettings: {
                executionRole: args.defaultRole.roleArn,
                securityGroups: [sg],
                sharingSettings: { notebookOutputOption: "Disabled" },
                studioWebPortal: "ENABLED",
                jupyterLabAppSettings: {
                    defaultResourceSpec: args.defaultInstanceType ? { instanceType: args.defaultInstanceType } : undefined,
                    lifecycleConfigArns: args.lifecycleConfigArns,
                    appLifecycleManagement: { idleSettings: { lifecycleManagement: "ENABLED", idleTimeoutInMinutes: idle } },
                },
            },
            defaultSpaceSettings: {
                executionRole: args.defaultRole.roleArn,
                securityGroups: [sg],
            },
            domainSettings: {
                securityGroupIds: [sg],
                executionRoleIdentityConfig: "USER_PROFILE_NAME",
                dockerSettings: { enableDockerAccess: "DISABLED" },
            },
            retentionPolicy: { homeEfsFileSystem: "Retain" },
            tags: this.tags,
        }, { parent: this });
        this.domainId = this.domain.id;
        this.domainArn = this.domain.arn;
        this.registerOutputs({ domainId: this.domainId, domainArn: this.domainArn });
    }

    /**
     * A private space owned by one user profile of the domain (spaces shared with the whole domain
     * are not offered: aws-sagemaker-studio-hardened reports them).
     */
    addPrivateSpace(args: { spaceName: string; owner: aws.sagemaker.UserProfile }): aws.sagemaker.Space {
        if (!/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(args.spaceName)) {
            throw new MlguardComponentError(COMPONENT, "spaceName", `"${args.spaceName}" must be 1-63 letters, digits or hyphens`);
        }
        return new aws.sagemaker.Space(`${this.componentName}-space-${args.spaceName}`, {
            domainId: this.domain.id,
            spaceName: args.spaceName,
            spaceSharingSettings: { sharingType: "Private" },
            ownershipSettings: { ownerUserProfileName: args.owner.userProfileName },
        }, { parent: this });
    }

    /** A user profile that inherits the domain's network, sharing and security settings. */
    addUserProfile(args: StudioUserProfileArgs): aws.sagemaker.UserProfile {
        if (!/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(args.userProfileName)) {
            throw new MlguardComponentError(COMPONENT, "userProfileName", `"${args.userProfileName}" must be 1-63 letters, digits or hyphens`);
        }
        if (this.authMode === "SSO" && !args.ssoUserName) {
            throw new MlguardComponentError(COMPONENT, "ssoUserName", `user profile "${args.userProfileName}" needs the IAM Identity Center user name (the domain uses SSO)`);
        }
        const role = args.executionRole ?? this.defaultRole;
        if (!role.sourceIdentity) {
            throw new MlguardComponentError(COMPONENT, "executionRole", `the role of user profile "${args.userProfileName}" must be created with \`studioSourceIdentity: true\``);
        }
        return new aws.sagemaker.UserProfile(`${this.componentName}-user-${args.userProfileName}`, {
            domainId: this.domain.id,
            userProfileName: args.userProfileName,
            singleSignOnUserIdentifier: this.authMode === "SSO" ? "UserName" : undefined,
            singleSignOnUserValue: this.authMode === "SSO" ? args.ssoUserName : undefined,
            userSettings: {
                executionRole: role.roleArn,
                securityGroups: [this.network.workloadSecurityGroupId],
                sharingSettings: { notebookOutputOption: "Disabled" },
            },
            tags: { ...this.tags, ...(args.tags ?? {}) },
        }, { parent: this });
    }
}
