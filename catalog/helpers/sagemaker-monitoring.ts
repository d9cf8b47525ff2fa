import type { ControlExamples } from "../control";
import { ref } from "../examples";
import type { ResourceGraph } from "../graph";
import type { CheckResult, Resource } from "../model";
import { type ResourceType, types } from "../resource-types";
import { anyProp } from "./props";
import { notApplicable, unknown } from "./results";
import { literal } from "./sagemaker";

/** Where a monitoring job's settings live on the resource that declares them. */
export interface MonitoringJob {
    /** The resource holding the definition (the subject, or the definition a schedule names). */
    resource: Resource;
    /** `networkConfig` and friends, relative to the resource. */
    network: string;
    volumeKey: string;
    outputKey: string;
}

/** Resource types that declare or schedule monitoring jobs. */
export const MONITORING_TYPES: ResourceType[] = [types.sagemakerDataQualityJobDefinition, types.sagemakerMonitoringSchedule];

const INLINE = "monitoringScheduleConfig.monitoringJobDefinition";

function dataQualityJob(resource: Resource): MonitoringJob {
    return {
        resource,
        network: "networkConfig",
        volumeKey: "jobResources.clusterConfig.volumeKmsKeyId",
        outputKey: "dataQualityJobOutputConfig.kmsKeyId",
    };
}

/**
 * The monitoring job a subject stands for: a data-quality job definition itself; a schedule's inline
 * definition; or, for a schedule naming a definition (`monitoringJobDefinitionName`), that
 * definition found through the graph or by its literal name, so the schedule inherits its verdict.
 * Otherwise the results to report instead (computed, not applicable, not in the stack).
 */
export function monitoringJob(subject: Resource, graph: ResourceGraph): MonitoringJob | CheckResult[] {
    if (subject.type === types.sagemakerDataQualityJobDefinition.token) return dataQualityJob(subject);
    const inline = anyProp(subject, INLINE);
    if (inline.state === "unknown") return [unknown(inline, "The schedule's monitoring job definition is computed; it cannot be checked yet.")];
    if (inline.state === "explicit") {
        return {
            resource: subject,
            network: `${INLINE}.networkConfig`,
            volumeKey: `${INLINE}.monitoringResources.clusterConfig.volumeKmsKeyId`,
            outputKey: `${INLINE}.monitoringOutputConfig.kmsKeyId`,
        };
    }
    const named = anyProp(subject, "monitoringScheduleConfig.monitoringJobDefinitionName");
    if (named.state === "absent") return [notApplicable(subject, "The schedule declares no monitoring job definition.")];
    const byRef = graph.targets(subject, "monitoringScheduleConfig", [types.sagemakerDataQualityJobDefinition]);
    const name = literal(named);
    const byName = name === undefined ? [] : graph.ofType(types.sagemakerDataQualityJobDefinition).filter((d) => literal(anyProp(d, "name")) === name);
    const definition = byRef[0] ?? byName[0];
    if (definition) return dataQualityJob(definition);
    // Model quality, bias and explainability definitions are not in the AWS provider: a schedule naming one is judged where it is declared.
    return [unknown(named, "The schedule names a job definition that is not a data-quality job definition of the stack, so its settings cannot be checked here.")];
}

const ROLE = "arn:aws:iam::111122223333:role/sagemaker-monitoring";
const IMAGE = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer";

/** Pulumi props of a data-quality job definition; `hardened` adds every setting the monitoring controls need. */
function dataQualityProps(hardened: boolean, name: string, key?: unknown, subnet?: unknown, sg?: unknown): Record<string, unknown> {
    return {
        name,
        roleArn: ROLE,
        dataQualityAppSpecification: { imageUri: IMAGE },
        dataQualityJobInput: { endpointInput: { endpointName: "churn", localPath: "/opt/ml/processing/input" } },
        dataQualityJobOutputConfig: {
            monitoringOutputs: { s3Output: { s3Uri: "s3://acme-ml-monitoring/churn", localPath: "/opt/ml/processing/output" } },
            ...(hardened ? { kmsKeyId: key } : {}),
        },
        jobResources: { clusterConfig: { instanceCount: 2, instanceType: "ml.m5.large", volumeSizeInGb: 20, ...(hardened ? { volumeKmsKeyId: key } : {}) } },
        ...(hardened
            ? { networkConfig: { enableInterContainerTrafficEncryption: true, enableNetworkIsolation: true, vpcConfig: { subnets: [subnet], securityGroupIds: [sg] } } }
            : {}),
    };
}

const TF_NETWORK = `resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "ml_private_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_route_table" "ml_private" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_route_table_association" "ml_private_a" {
  subnet_id      = aws_subnet.ml_private_a.id
  route_table_id = aws_route_table.ml_private.id
}

resource "aws_security_group" "monitoring" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}
`;

const tfDefinition = (hardened: boolean) => `resource "aws_sagemaker_data_quality_job_definition" "churn" {
  name     = "churn-data-quality"
  role_arn = "${ROLE}"

  data_quality_app_specification {
    image_uri = "${IMAGE}"
  }

  data_quality_job_input {
    endpoint_input {
      endpoint_name = "churn"
    }
  }

  data_quality_job_output_config {
${hardened ? "    kms_key_id = aws_kms_key.ml.arn\n\n" : ""}    monitoring_outputs {
      s3_output {
        s3_uri = "s3://acme-ml-monitoring/churn"
      }
    }
  }

  job_resources {
    cluster_config {
      instance_count    = 2
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
${hardened ? "      volume_kms_key_id = aws_kms_key.ml.arn\n" : ""}    }
  }
${
    hardened
        ? `
  network_config {
    enable_inter_container_traffic_encryption = true
    enable_network_isolation                  = true

    vpc_config {
      subnets            = [aws_subnet.ml_private_a.id]
      security_group_ids = [aws_security_group.monitoring.id]
    }
  }
`
        : ""
}}
`;

/**
 * Examples shared by the three monitoring-job controls: a hardened data-quality definition in a
 * private subnet with a schedule naming it (good), and a definition that sets none of it (bad).
 */
export const MONITORING_EXAMPLES: ControlExamples = {
    pulumi: {
        good: [
            [
                { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                { type: types.ec2RouteTable, name: "ml-private", props: { vpcId: ref("ml") } },
                { type: types.ec2RouteTableAssociation, name: "ml-private-a-assoc", props: { subnetId: ref("ml-private-a"), routeTableId: ref("ml-private") } },
                { type: types.ec2SecurityGroup, name: "monitoring", props: { vpcId: ref("ml") } },
                { type: types.kmsKey, name: "ml-key", props: { enableKeyRotation: true } },
                {
                    type: types.sagemakerDataQualityJobDefinition,
                    name: "churn-data-quality",
                    props: dataQualityProps(true, "churn-data-quality", ref("ml-key", "arn"), ref("ml-private-a"), ref("monitoring")),
                },
                {
                    type: types.sagemakerMonitoringSchedule,
                    name: "churn-hourly",
                    props: {
                        monitoringScheduleConfig: {
                            monitoringType: "DataQuality",
                            monitoringJobDefinitionName: ref("churn-data-quality", "name"),
                            scheduleConfig: { scheduleExpression: "cron(0 * ? * * *)" },
                        },
                    },
                },
            ],
        ],
        bad: [[{ type: types.sagemakerDataQualityJobDefinition, name: "churn-data-quality", props: dataQualityProps(false, "churn-data-quality") }]],
    },
    terraform: {
        good: [
            `${TF_NETWORK}
${tfDefinition(true)}
resource "aws_sagemaker_monitoring_schedule" "churn_hourly" {
  monitoring_schedule_config {
    monitoring_type                = "DataQuality"
    monitoring_job_definition_name = aws_sagemaker_data_quality_job_definition.churn.name

    schedule_config {
      schedule_expression = "cron(0 * ? * * *)"
    }
  }
}
`,
        ],
        bad: [tfDefinition(false)],
    },
};
