import { defineControl } from "../control";
import { prop } from "../helpers/props";
import { expectCustomerKey } from "../helpers/sagemaker";
import { types } from "../resource-types";
import { ref } from "../examples";

const ROLE = "arn:aws:iam::111122223333:role/sagemaker-studio";
const DOMAIN = { domainName: "studio", authMode: "SSO", appNetworkAccessType: "VpcOnly", vpcId: "vpc-0a1b2c3d", subnetIds: ["subnet-0a1b2c3d"], defaultUserSettings: { executionRole: ROLE } };

export default defineControl({
    id: "aws-sagemaker-domain-kms-encrypted",
    title: "SageMaker Studio domains must encrypt their EFS home directories with a customer-managed KMS key",
    severity: "medium",
    provider: "aws",
    rationale:
        "A Studio domain's EFS volume holds every user's home directory: notebooks, datasets pulled for exploration, " +
        "credentials and model checkpoints. Without `kms_key_id` it is encrypted with an AWS-managed key, outside your " +
        "key policy. The key can only be set when the domain is created, so it must be right from the start.",
    remediation: {
        terraform: "Set `kms_key_id` on the `aws_sagemaker_domain` to a customer-managed key (replaces the domain).",
        pulumi: "Set `kmsKeyId` on the `aws.sagemaker.Domain` to a customer-managed key (replaces the domain).",
    },
    frameworks: { "nist-800-53": ["SC-28", "SC-28(1)"], "owasp-ml": ["ML05"] },
    tags: ["sagemaker", "studio", "encryption", "kms"],
    aliases: { checkov: ["CKV_AWS_187"] },
    subjects: [types.sagemakerDomain],
    scope: "resource",
    options: {},
    check(domain) {
        return [expectCustomerKey(prop(domain, "kmsKeyId"), "the domain's EFS home directories")];
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } },
                    { type: types.sagemakerDomain, name: "studio", props: { ...DOMAIN, kmsKeyId: ref("ml", "arn") } },
                ],
            ],
            bad: [[{ type: types.sagemakerDomain, name: "studio", props: DOMAIN }], [{ type: types.sagemakerDomain, name: "studio", props: { ...DOMAIN, kmsKeyId: "alias/aws/elasticfilesystem" } }]],
        },
        terraform: {
            good: [
                `resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "SSO"
  app_network_access_type = "VpcOnly"
  vpc_id                  = "vpc-0a1b2c3d"
  subnet_ids              = ["subnet-0a1b2c3d"]
  kms_key_id              = aws_kms_key.ml.arn

  default_user_settings {
    execution_role = "${ROLE}"
  }
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "SSO"
  app_network_access_type = "VpcOnly"
  vpc_id                  = "vpc-0a1b2c3d"
  subnet_ids              = ["subnet-0a1b2c3d"]

  default_user_settings {
    execution_role = "${ROLE}"
  }
}
`,
                `resource "aws_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "SSO"
  app_network_access_type = "VpcOnly"
  vpc_id                  = "vpc-0a1b2c3d"
  subnet_ids              = ["subnet-0a1b2c3d"]
  kms_key_id              = "alias/aws/elasticfilesystem"

  default_user_settings {
    execution_role = "${ROLE}"
  }
}
`,
            ],
        },
    },
});
