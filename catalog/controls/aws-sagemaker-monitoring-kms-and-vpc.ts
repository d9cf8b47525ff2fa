import { defineControl } from "../control";
import { allOf } from "../helpers/outcomes";
import { expectCustomerKey, expectIdList, nested } from "../helpers/sagemaker";
import { MONITORING_EXAMPLES, MONITORING_TYPES, monitoringJob } from "../helpers/sagemaker-monitoring";
import { fail, unknown } from "../helpers/results";
import { ROUTE_ANALYSIS_TYPES, subnetPrivacyResults } from "../helpers/subnet-routes";
import type { CheckResult } from "../model";
import { types } from "../resource-types";

export default defineControl<unknown, { privateSubnetIds: string[] }>({
    id: "aws-sagemaker-monitoring-kms-and-vpc",
    title: "SageMaker model monitoring jobs must encrypt volumes and output with customer-managed keys and run in private subnets",
    severity: "medium",
    provider: "aws",
    rationale:
        "Monitoring jobs copy captured requests and responses onto their ML storage volumes and write statistics and " +
        "violation reports (with data samples) to S3. Both must use customer-managed keys, and the job's interfaces " +
        "must sit in private subnets of your VPC (no route to an internet gateway). A schedule that names a job " +
        "definition inherits the definition's verdict.",
    remediation: {
        terraform:
            "Set `job_resources.cluster_config.volume_kms_key_id`, `data_quality_job_output_config.kms_key_id` and `network_config.vpc_config { subnets, security_group_ids }` with private subnets (for an inline schedule definition: `monitoring_resources.cluster_config.volume_kms_key_id`, `monitoring_output_config.kms_key_id`).",
        pulumi:
            "Set `jobResources.clusterConfig.volumeKmsKeyId`, `dataQualityJobOutputConfig.kmsKeyId` and `networkConfig.vpcConfig: { subnets, securityGroupIds }` with private subnets (for an inline schedule definition: `monitoringResources.clusterConfig.volumeKmsKeyId`, `monitoringOutputConfig.kmsKeyId`).",
    },
    frameworks: { "nist-800-53": ["SC-28", "SC-7"], "owasp-ml": ["ML05"] },
    tags: ["sagemaker", "monitoring", "encryption", "kms", "network"],
    aliases: {},
    subjects: MONITORING_TYPES,
    related: [types.sagemakerDataQualityJobDefinition, ...ROUTE_ANALYSIS_TYPES],
    scope: "stack",
    options: {
        privateSubnetIds: {
            description: "Subnet ids managed outside this stack that are known to be private. Other subnets that are not resources in the stack cannot be verified.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(subject, { graph, options }) {
        const job = monitoringJob(subject, graph);
        if (Array.isArray(job)) return job;
        const r = job.resource;
        const results: CheckResult[] = [
            expectCustomerKey(nested(r, job.volumeKey), "the monitoring job's ML storage volume"),
            expectCustomerKey(nested(r, job.outputKey), "the monitoring job's output"),
        ];
        const vpc = nested(r, `${job.network}.vpcConfig`);
        if (vpc.state === "unknown") results.push(unknown(vpc, "The monitoring job's VPC configuration is computed; it cannot be checked yet."));
        else if (vpc.state === "absent") results.push(fail(vpc, `The monitoring job sets no ${vpc.path}, so it runs outside your VPC; place it in private subnets.`));
        else {
            const subnets = nested(r, `${job.network}.vpcConfig.subnets`);
            const listed = expectIdList(r, subnets, "subnets");
            results.push(listed, expectIdList(r, nested(r, `${job.network}.vpcConfig.securityGroupIds`), "security groups"));
            if (listed.status === "pass") results.push(...subnetPrivacyResults(graph, r, subnets, options.privateSubnetIds));
        }
        return allOf(subject, results, "The monitoring job uses customer-managed keys and runs in private subnets.");
    },
    examples: MONITORING_EXAMPLES,
});
