import control from "../../catalog/controls/aws-sagemaker-studio-sharing-restricted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const ROLE = "arn:aws:iam::1:role/r";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/abc";
const domain = (sharingSettings: unknown) => [{ type: types.sagemakerDomain, name: "d", props: { domainName: "d", authMode: "SSO", defaultUserSettings: { executionRole: ROLE, sharingSettings } } }];
const profile = (sharingSettings: unknown) => [{ type: types.sagemakerUserProfile, name: "p", props: { domainId: "d-1", userProfileName: "p", userSettings: { executionRole: ROLE, sharingSettings } } }];

edgeCases(control, [
    { name: "Disabled passes", resources: domain({ notebookOutputOption: "Disabled" }), expect: ["pass"] },
    { name: "absent passes: the default is Disabled", resources: domain(undefined), expect: ["pass"] },
    { name: "Allowed with a key and a path passes", resources: domain({ notebookOutputOption: "Allowed", s3KmsKeyId: KEY, s3OutputPath: "s3://b/p" }), expect: ["pass"] },
    { name: "Allowed without a key fails", resources: domain({ notebookOutputOption: "Allowed", s3OutputPath: "s3://b/p" }), expect: ["fail"] },
    { name: "Allowed without a path fails", resources: domain({ notebookOutputOption: "Allowed", s3KmsKeyId: KEY }), expect: ["pass", "fail"] },
    { name: "Allowed with an AWS-managed key fails", resources: domain({ notebookOutputOption: "Allowed", s3KmsKeyId: "alias/aws/s3", s3OutputPath: "s3://b/p" }), expect: ["fail"] },
    { name: "a computed option is not verifiable", resources: domain({ notebookOutputOption: UNKNOWN }), expect: ["unknown"] },
    { name: "an odd option fails", resources: domain({ notebookOutputOption: "Sometimes" }), expect: ["fail"] },
    { name: "a profile that sets nothing keeps the domain's setting", resources: profile(undefined), expect: ["pass"] },
    { name: "a profile overriding to Allowed without a key fails (judged on what it sets)", resources: profile({ notebookOutputOption: "Allowed", s3OutputPath: "s3://b/p" }), expect: ["fail"] },
    { name: "a profile overriding to Disabled passes", resources: profile({ notebookOutputOption: "Disabled" }), expect: ["pass"] },
]);

terraformCases(control, [
    {
        name: "a user profile module whose input allows sharing without a key fails",
        files: {
            "main.tf": 'module "alice" {\n  source  = "./profile"\n  sharing = "Allowed"\n}\n',
            "profile/main.tf": `variable "sharing" {}

resource "aws_sagemaker_user_profile" "p" {
  domain_id         = "d-1"
  user_profile_name = "alice"

  user_settings {
    execution_role = "arn:aws:iam::111122223333:role/r"

    sharing_settings {
      notebook_output_option = var.sharing
      s3_output_path         = "s3://acme-shared/alice"
    }
  }
}
`,
        },
        expect: ["fail"],
        failsAt: "sharing_settings",
    },
    {
        name: "a dynamic sharing block set to Disabled passes",
        files: {
            "main.tf": `resource "aws_sagemaker_user_profile" "p" {
  domain_id         = "d-1"
  user_profile_name = "alice"

  user_settings {
    execution_role = "arn:aws:iam::111122223333:role/r"

    dynamic "sharing_settings" {
      for_each = ["Disabled"]
      content {
        notebook_output_option = sharing_settings.value
      }
    }
  }
}
`,
        },
        expect: ["pass"],
    },
]);
