import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";
import type { LockedMlBucket } from "./locked-ml-bucket";
import type { MlKmsKey } from "./ml-kms-key";
import type { MlPrivateNetwork } from "./ml-private-network";
import type { SageMakerExecutionRole } from "./sagemaker-execution-role";

const COMPONENT = "SecureMonitoringSchedule";

export interface SecureMonitoringScheduleArgs {
    network: MlPrivateNetwork;
    key: MlKmsKey;
    role: SageMakerExecutionRole;
    /** The endpoint whose captured data is analysed. */
    endpointName: pulumi.Input<string>;
    /** The Model Monitor analyzer image of the region (an ECR URI, e.g. `<account>.dkr.ecr.<region>.amazonaws.com/sagemaker-model-monitor-analyzer`). */
    analyzerImageUri: string;
    /** Where statistics and violation reports go. */
    outputBucket: LockedMlBucket;
    /** Key prefix in the bucket. Default `monitoring/<component name>`. */
    outputPrefix?: string;
    /** Default `cron(0 * ? * * *)` (hourly). */
    scheduleExpression?: string;
    /** Default `ml.m5.large`. */
    instanceType?: string;
    tags?: Record<string, string>;
}

/**
 * A data-quality job definition and the schedule that runs it: traffic between instances encrypted,
 * network isolation on, volume and output encrypted with an `MlKmsKey`, in the private subnets of an
 * `MlPrivateNetwork`, reports into a `LockedMlBucket`. The schedule names the definition, so the
 * policy pack judges it through the definition.
 */
export class SecureMonitoringSchedule extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:aws:SecureMonitoringSchedule";

    public readonly jobDefinition: aws.sagemaker.DataQualityJobDefinition;
    public readonly schedule: aws.sagemaker.MonitoringSchedule;

    constructor(name: string, args: SecureMonitoringScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
        super(SecureMonitoringSchedule.__pulumiType, name, {}, opts);
        if (!/^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+(:[\w.-]+|@sha256:[a-f0-9]{64})?$/.test(args.analyzerImageUri)) {
            throw new MlguardComponentError(COMPONENT, "analyzerImageUri", `"${args.analyzerImageUri}" must be an ECR image URI (the region's Model Monitor analyzer)`);
        }
        const prefix = args.outputPrefix ?? `monitoring/${name}`;
        if (prefix.startsWith("/") || /\s/.test(prefix)) {
            throw new MlguardComponentError(COMPONENT, "outputPrefix", `"${prefix}" must be an S3 key prefix without a leading slash or spaces`);
        }
        const expression = args.scheduleExpression ?? "cron(0 * ? * * *)";
        if (!/^cron\(.+\)$|^NOW$/.test(expression)) {
            throw new MlguardComponentError(COMPONENT, "scheduleExpression", `"${expression}" must be a cron(...) expression`);
        }
        const tags = { ...(args.tags ?? {}), "mlguard:component": COMPONENT };

        this.jobDefinition = new aws.sagemaker.DataQualityJobDefinition(`${name}-data-quality`, {
            name: `${name}-data-quality`,
            roleArn: args.role.roleArn,
            dataQualityAppSpecification: { imageUri: args.analyzerImageUri },
            dataQualityJobInput: { endpointInput: { endpointName: args.endpointName, localPath: "/opt/ml/processing/input/endpoint" } },
            dataQualityJobOutputConfig: {
                kmsKeyId: args.key.keyArn,
                monitoringOutputs: { s3Output: { s3Uri: args.outputBucket.s3Uri(prefix), localPath: "/opt/ml/processing/output" } },
            },
            jobResources: {
                clusterConfig: { instanceCount: 1, instanceType: args.instanceType ?? "ml.m5.large", volumeSizeInGb: 20, volumeKmsKeyId: args.key.keyArn },
            },
            networkConfig: {
                enableInterContainerTrafficEncryption: true,
                enableNetworkIsolation: true,
                vpcConfig: { subnets: args.network.subnetIds, securityGroupIds: [args.network.workloadSecurityGroupId] },
            },
            stoppingCondition: { maxRuntimeInSeconds: 3600 },
            tags,
        }, { parent: this });

        this.schedule = new aws.sagemaker.MonitoringSchedule(`${name}-schedule`, {
            name: `${name}-schedule`,
            monitoringScheduleConfig: {
                monitoringType: "DataQuality",
                monitoringJobDefinitionName: this.jobDefinition.name,
                scheduleConfig: { scheduleExpression: expression },
            },
            tags,
        }, { parent: this });
        this.registerOutputs({ scheduleName: this.schedule.name, jobDefinitionName: this.jobDefinition.name });
    }
}
