import { types } from "../../catalog/resource-types";
import { type TableResource, UNKNOWN } from "../support/controls";

export const KEY = "arn:aws:kms:eu-west-1:111122223333:key/abc";

/** A data-quality job definition with a network config and keys as given. */
export function definition(name: string, networkConfig: unknown, keys: { volume?: unknown; output?: unknown } = {}): TableResource {
    return {
        type: types.sagemakerDataQualityJobDefinition,
        name,
        props: {
            name,
            roleArn: "arn:aws:iam::1:role/r",
            networkConfig,
            jobResources: { clusterConfig: { instanceCount: 1, instanceType: "ml.m5.large", volumeSizeInGb: 20, volumeKmsKeyId: keys.volume } },
            dataQualityJobOutputConfig: { kmsKeyId: keys.output, monitoringOutputs: { s3Output: { s3Uri: "s3://b/o" } } },
        },
    };
}

/** A schedule with an inline definition. */
export function inlineSchedule(networkConfig: unknown, keys: { volume?: unknown; output?: unknown } = {}): TableResource {
    return {
        type: types.sagemakerMonitoringSchedule,
        name: "sched",
        props: {
            monitoringScheduleConfig: {
                monitoringType: "DataQuality",
                monitoringJobDefinition: {
                    roleArn: "arn:aws:iam::1:role/r",
                    networkConfig,
                    monitoringResources: { clusterConfig: { instanceCount: 1, instanceType: "ml.m5.large", volumeSizeInGb: 20, volumeKmsKeyId: keys.volume } },
                    monitoringOutputConfig: { kmsKeyId: keys.output, monitoringOutputs: { s3Output: { s3Uri: "s3://b/o" } } },
                },
            },
        },
    };
}

/** A schedule naming a definition: by a literal name, or computed from the named resource. */
export function namedSchedule(name: unknown, dependsOn?: string): TableResource {
    return {
        type: types.sagemakerMonitoringSchedule,
        name: "sched",
        props: { monitoringScheduleConfig: { monitoringType: "DataQuality", monitoringJobDefinitionName: name } },
        deps: dependsOn ? { monitoringScheduleConfig: [dependsOn] } : undefined,
    };
}

export { UNKNOWN };
