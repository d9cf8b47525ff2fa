import { defineControl } from "../control";
import { expectBoolean } from "../helpers/outcomes";
import { MONITORING_EXAMPLES, MONITORING_TYPES, monitoringJob } from "../helpers/sagemaker-monitoring";
import { nested } from "../helpers/sagemaker";
import { types } from "../resource-types";

export default defineControl<unknown>({
    id: "aws-sagemaker-monitoring-traffic-encrypted",
    title: "SageMaker model monitoring jobs must encrypt traffic between their containers",
    severity: "medium",
    provider: "aws",
    rationale:
        "A monitoring job that runs on more than one instance exchanges the captured inference data it analyses " +
        "between instances. Without inter-container traffic encryption that data crosses the network in clear text. " +
        "The provider default is `false`. A schedule that names a job definition inherits the definition's verdict.",
    remediation: {
        terraform:
            "Set `network_config.enable_inter_container_traffic_encryption = true` on the `aws_sagemaker_data_quality_job_definition` (or in the schedule's inline `monitoring_job_definition`).",
        pulumi:
            "Set `networkConfig.enableInterContainerTrafficEncryption: true` on the `aws.sagemaker.DataQualityJobDefinition` (or in the schedule's inline `monitoringJobDefinition`).",
    },
    frameworks: {
        "aws-fsbp": ["SageMaker.9", "SageMaker.10", "SageMaker.13", "SageMaker.15"],
        "aws-config": ["sagemaker-data-quality-job-encrypt-in-transit"],
        "nist-800-53": ["SC-8", "SC-8(1)"],
    },
    tags: ["sagemaker", "monitoring", "encryption"],
    aliases: {},
    subjects: MONITORING_TYPES,
    related: [types.sagemakerDataQualityJobDefinition],
    scope: "stack",
    options: {},
    check(subject, { graph }) {
        const job = monitoringJob(subject, graph);
        if (Array.isArray(job)) return job;
        return [
            expectBoolean(nested(job.resource, `${job.network}.enableInterContainerTrafficEncryption`), true, {
                defaultValue: false,
                what: "Inter-container traffic encryption",
                fix: "set enableInterContainerTrafficEncryption to true",
            }),
        ];
    },
    examples: MONITORING_EXAMPLES,
});
