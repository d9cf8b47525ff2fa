import { defineControl } from "../control";
import { stringList } from "../helpers/coerce";
import { allOf, expectBoolean } from "../helpers/outcomes";
import { anyProp, prop } from "../helpers/props";
import { expectCustomerKey, expectIdList, literal, nested } from "../helpers/sagemaker";
import { fail, pass, unknown } from "../helpers/results";
import { ROUTE_ANALYSIS_TYPES, subnetPrivacyResults } from "../helpers/subnet-routes";
import type { CheckResult } from "../model";
import { types } from "../resource-types";
import { ref, PRIVATE_ML_SUBNET_TF } from "../examples";

type Options = { privateSubnetIds: string[]; networkAccessJobs: string[] };

const BASE = {
    trainingJobName: "churn-train",
    roleArn: "arn:aws:iam::111122223333:role/sagemaker-training",
    algorithmSpecification: { trainingImage: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn-train:1", trainingInputMode: "File" },
    stoppingCondition: { maxRuntimeInSeconds: 3600 },
};

export default defineControl<import("@pulumi/aws/sagemaker").TrainingJobArgs, Options>({
    id: "aws-sagemaker-training-job-hardened",
    title: "SageMaker training jobs declared in IaC must be isolated, encrypted and in private subnets",
    severity: "medium",
    provider: "aws",
    rationale:
        "A training job reads the training data and writes the model artifact. Without network isolation its " +
        "container can send data out (or fetch code) during training; without inter-container traffic encryption " +
        "distributed training exchanges data in clear text; without customer-managed keys its volumes and output use " +
        "AWS-managed keys; outside private subnets it bypasses your VPC controls. Isolation and traffic encryption " +
        "default to `false`. Jobs that need network access (for example to reach a package mirror) are listed in an option.",
    remediation: {
        terraform:
            "On the `aws_sagemaker_training_job` set `enable_network_isolation = true`, `enable_inter_container_traffic_encryption = true`, `vpc_config { subnets, security_group_ids }` with private subnets, `output_data_config.kms_key_id` and `resource_config.volume_kms_key_id`.",
        pulumi:
            "On the `aws.sagemaker.TrainingJob` set `enableNetworkIsolation: true`, `enableInterContainerTrafficEncryption: true`, `vpcConfig: { subnets, securityGroupIds }` with private subnets, `outputDataConfig.kmsKeyId` and `resourceConfig.volumeKmsKeyId`.",
    },
    frameworks: {
        prowler: [
            "sagemaker_training_jobs_network_isolation_enabled",
            "sagemaker_training_jobs_intercontainer_encryption_enabled",
            "sagemaker_training_jobs_vpc_settings_configured",
            "sagemaker_training_jobs_volume_and_output_encryption_enabled",
        ],
        "nist-800-53": ["SC-7", "SC-8", "SC-28"],
        "owasp-ml": ["ML02", "ML06"],
    },
    tags: ["sagemaker", "training", "network", "encryption"],
    aliases: {},
    subjects: [types.sagemakerTrainingJob],
    cloudformation: {
        unsupported:
            "CloudFormation has no AWS::SageMaker::TrainingJob resource type (nor does Pulumi aws-native): a template starts training " +
            "through a SageMaker Pipeline (AWS::SageMaker::Pipeline, whose definition is an opaque JSON document) or Step Functions, not as a resource.",
    },
    related: ROUTE_ANALYSIS_TYPES,
    scope: "stack",
    options: {
        privateSubnetIds: {
            description: "Subnet ids managed outside this stack that are known to be private. Other subnets that are not resources in the stack cannot be verified.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
        networkAccessJobs: {
            description: "Training job names (trainingJobName) allowed to run without network isolation because they need network access; they must still run in private subnets.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(job, { graph, options }) {
        const results: CheckResult[] = [];
        const name = literal(anyProp(job, "trainingJobName"));
        const isolation = prop(job, "enableNetworkIsolation");
        if (name !== undefined && stringList(options.networkAccessJobs).includes(name) && isolation.state !== "unknown") {
            results.push(pass(isolation, "The job is allowed network access (networkAccessJobs)."));
        } else {
            results.push(expectBoolean(isolation, true, { defaultValue: false, what: "Network isolation", fix: "set enableNetworkIsolation to true" }));
        }
        results.push(
            expectBoolean(prop(job, "enableInterContainerTrafficEncryption"), true, {
                defaultValue: false,
                what: "Inter-container traffic encryption",
                fix: "set enableInterContainerTrafficEncryption to true",
            }),
            expectCustomerKey(nested(job, "outputDataConfig.kmsKeyId"), "the training job's output"),
            expectCustomerKey(nested(job, "resourceConfig.volumeKmsKeyId"), "the training job's ML storage volumes"),
        );
        const vpc = prop(job, "vpcConfig");
        if (vpc.state === "unknown") results.push(unknown(vpc, "The job's VPC configuration is computed; it cannot be checked yet."));
        else if (vpc.state === "absent") results.push(fail(vpc, "The job sets no vpcConfig, so it runs outside your VPC; place it in private subnets."));
        else {
            const subnets = prop(job, "vpcConfig.subnets");
            const listed = expectIdList(job, subnets, "subnets");
            results.push(listed, expectIdList(job, prop(job, "vpcConfig.securityGroupIds"), "security groups"));
            if (listed.status === "pass") results.push(...subnetPrivacyResults(graph, job, subnets, options.privateSubnetIds));
        }
        return allOf(job, results, "The training job is isolated, encrypts its traffic, volumes and output, and runs in private subnets.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2RouteTable, name: "ml-private", props: { vpcId: ref("ml") } },
                    { type: types.ec2RouteTableAssociation, name: "ml-private-a-assoc", props: { subnetId: ref("ml-private-a"), routeTableId: ref("ml-private") } },
                    { type: types.ec2SecurityGroup, name: "training", props: { vpcId: ref("ml") } },
                    { type: types.kmsKey, name: "ml-key", props: { enableKeyRotation: true } },
                    {
                        type: types.sagemakerTrainingJob,
                        name: "churn-train",
                        props: {
                            ...BASE,
                            enableNetworkIsolation: true,
                            enableInterContainerTrafficEncryption: true,
                            vpcConfig: { subnets: [ref("ml-private-a")], securityGroupIds: [ref("training")] },
                            outputDataConfig: { s3OutputPath: "s3://acme-ml-model-artifacts/churn", kmsKeyId: ref("ml-key", "arn") },
                            resourceConfig: { instanceType: "ml.m5.xlarge", instanceCount: 1, volumeSizeInGb: 30, volumeKmsKeyId: ref("ml-key", "arn") },
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.sagemakerTrainingJob,
                        name: "churn-train",
                        props: {
                            ...BASE,
                            outputDataConfig: { s3OutputPath: "s3://acme-ml-model-artifacts/churn" },
                            resourceConfig: { instanceType: "ml.m5.xlarge", instanceCount: 1, volumeSizeInGb: 30 },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `${PRIVATE_ML_SUBNET_TF}
resource "aws_security_group" "training" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_sagemaker_training_job" "churn" {
  training_job_name                         = "churn-train"
  role_arn                                  = "arn:aws:iam::111122223333:role/sagemaker-training"
  enable_network_isolation                  = true
  enable_inter_container_traffic_encryption = true

  algorithm_specification {
    training_image      = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn-train:1"
    training_input_mode = "File"
  }

  output_data_config {
    s3_output_path = "s3://acme-ml-model-artifacts/churn"
    kms_key_id     = aws_kms_key.ml.arn
  }

  resource_config {
    instance_type     = "ml.m5.xlarge"
    instance_count    = 1
    volume_size_in_gb = 30
    volume_kms_key_id = aws_kms_key.ml.arn
  }

  vpc_config {
    subnets            = [aws_subnet.ml_private_a.id]
    security_group_ids = [aws_security_group.training.id]
  }

  stopping_condition {
    max_runtime_in_seconds = 3600
  }
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_training_job" "churn" {
  training_job_name = "churn-train"
  role_arn          = "arn:aws:iam::111122223333:role/sagemaker-training"

  algorithm_specification {
    training_image      = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn-train:1"
    training_input_mode = "File"
  }

  output_data_config {
    s3_output_path = "s3://acme-ml-model-artifacts/churn"
  }

  resource_config {
    instance_type     = "ml.m5.xlarge"
    instance_count    = 1
    volume_size_in_gb = 30
  }
}
`,
            ],
        },
    },
});
