import control from "../../catalog/controls/aws-sagemaker-training-job-hardened";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/abc";
const HARDENED = {
    trainingJobName: "train",
    roleArn: "arn:aws:iam::1:role/r",
    enableNetworkIsolation: true,
    enableInterContainerTrafficEncryption: true,
    vpcConfig: { subnets: ["subnet-1"], securityGroupIds: ["sg-1"] },
    outputDataConfig: { s3OutputPath: "s3://b/o", kmsKeyId: KEY },
    resourceConfig: { instanceType: "ml.m5.xlarge", instanceCount: 1, volumeKmsKeyId: KEY },
};
const job = (props: Record<string, unknown>) => [{ type: types.sagemakerTrainingJob, name: "j", props: { ...HARDENED, ...props } }];
const PRIVATE = { privateSubnetIds: ["subnet-1"] };

edgeCases(control, [
    { name: "a hardened job passes once", resources: job({}), settings: PRIVATE, expect: ["pass"] },
    { name: "isolation absent fails", resources: job({ enableNetworkIsolation: undefined }), settings: PRIVATE, expect: ["fail"], message: /isolation/ },
    { name: "isolation off for a listed job passes", resources: job({ enableNetworkIsolation: false }), settings: { ...PRIVATE, networkAccessJobs: ["train"] }, expect: ["pass"] },
    { name: "isolation off for another job fails", resources: job({ enableNetworkIsolation: false }), settings: { ...PRIVATE, networkAccessJobs: ["other"] }, expect: ["fail"] },
    { name: "traffic encryption absent fails", resources: job({ enableInterContainerTrafficEncryption: undefined }), settings: PRIVATE, expect: ["fail"] },
    { name: "no output key fails", resources: job({ outputDataConfig: { s3OutputPath: "s3://b/o" } }), settings: PRIVATE, expect: ["fail"], message: /output/ },
    { name: "no volume key fails", resources: job({ resourceConfig: { instanceType: "ml.m5.xlarge" } }), settings: PRIVATE, expect: ["fail"], message: /volume/ },
    { name: "no VPC fails", resources: job({ vpcConfig: undefined }), settings: PRIVATE, expect: ["fail"], message: /vpcConfig/ },
    { name: "a subnet outside the stack is not verifiable", resources: job({}), expect: ["unknown"] },
    { name: "computed isolation is not verifiable", resources: job({ enableNetworkIsolation: UNKNOWN }), settings: PRIVATE, expect: ["unknown"] },
    { name: "computed keys are present", resources: job({ outputDataConfig: { s3OutputPath: "s3://b/o", kmsKeyId: UNKNOWN } }), settings: PRIVATE, expect: ["pass"] },
    { name: "an empty job fails on every requirement", resources: [{ type: types.sagemakerTrainingJob, name: "j", props: { trainingJobName: "j" } }], expect: ["fail", "fail", "fail", "fail", "fail"] },
]);

terraformCases(control, [
    {
        name: "for_each jobs are judged one by one, each with its own findings",
        files: {
            "main.tf": `resource "aws_sagemaker_training_job" "j" {
  for_each                                  = toset(["needs-mirror", "plain"])
  training_job_name                         = each.key
  role_arn                                  = "arn:aws:iam::111122223333:role/r"
  enable_network_isolation                  = false
  enable_inter_container_traffic_encryption = true

  output_data_config {
    s3_output_path = "s3://b/o"
    kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/abc"
  }

  resource_config {
    instance_type     = "ml.m5.xlarge"
    instance_count    = 1
    volume_size_in_gb = 30
    volume_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/abc"
  }

  vpc_config {
    subnets            = ["subnet-1"]
    security_group_ids = ["sg-1"]
  }
}
`,
        },
        expect: ["fail", "unknown", "fail", "unknown"],
    },
]);
