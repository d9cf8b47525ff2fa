import { defineControl } from "../control";
import { expectBoolean } from "../helpers/outcomes";
import { MONITORING_EXAMPLES, MONITORING_TYPES, monitoringJob } from "../helpers/sagemaker-monitoring";
import { nested } from "../helpers/sagemaker";
import { types } from "../resource-types";

export default defineControl<unknown>({
    id: "aws-sagemaker-monitoring-network-isolation",
    title: "SageMaker model monitoring jobs must run with network isolation",
    severity: "medium",
    provider: "aws",
    rationale:
        "A monitoring job runs a container (often a custom analyzer image) over captured inference data. Without " +
        "network isolation that container can send the data anywhere its network allows. The provider default is " +
        "`false`. A schedule that names a job definition inherits the definition's verdict.",
    remediation: {
        terraform:
            "Set `network_config.enable_network_isolation = true` on the `aws_sagemaker_data_quality_job_definition` (or in the schedule's inline `monitoring_job_definition`).",
        pulumi:
            "Set `networkConfig.enableNetworkIsolation: true` on the `aws.sagemaker.DataQualityJobDefinition` (or in the schedule's inline `monitoringJobDefinition`).",
    },
    frameworks: {
        "aws-fsbp": ["SageMaker.11", "SageMaker.12", "SageMaker.14"],
        "aws-config": ["sagemaker-data-quality-job-isolation", "sagemaker-monitoring-schedule-isolation"],
        "nist-800-53": ["SC-7", "AC-4"],
    },
    tags: ["sagemaker", "monitoring", "network"],
    aliases: {},
    subjects: MONITORING_TYPES,
    related: [types.sagemakerDataQualityJobDefinition],
    scope: "stack",
    options: {},
    check(subject, { graph }) {
        const job = monitoringJob(subject, graph);
        if (Array.isArray(job)) return job;
        return [
            expectBoolean(nested(job.resource, `${job.network}.enableNetworkIsolation`), true, {
                defaultValue: false,
                what: "Network isolation",
                fix: "set enableNetworkIsolation to true",
            }),
        ];
    },
    examples: MONITORING_EXAMPLES,
});
