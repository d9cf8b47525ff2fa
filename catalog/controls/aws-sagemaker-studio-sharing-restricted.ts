import { defineControl } from "../control";
import { nested, expectCustomerKey } from "../helpers/sagemaker";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

const ROLE = "arn:aws:iam::111122223333:role/sagemaker-studio";
const DOMAIN = { domainName: "studio", authMode: "SSO", appNetworkAccessType: "VpcOnly", vpcId: "vpc-0a1b2c3d", subnetIds: ["subnet-0a1b2c3d"] };

/** Judges `<settings>.sharingSettings` of a domain (`defaultUserSettings`) or a user profile (`userSettings`). */
function judgeSharing(resource: Resource, settings: string): CheckResult[] {
    const option = nested(resource, `${settings}.sharingSettings.notebookOutputOption`);
    if (option.state === "unknown") return [unknown(option, `Whether notebook output sharing is allowed (${option.path}) is computed; it cannot be checked yet.`)];
    if (option.state === "absent") {
        return [pass(option, resource.type === types.sagemakerUserProfile.token ? "The user profile keeps the domain's sharing setting." : "Notebook output sharing is off (the default, Disabled).")];
    }
    if (option.value === "Disabled") return [pass(option, "Notebook output sharing is disabled.")];
    if (option.value !== "Allowed") return [fail(option, `${option.path} is neither "Disabled" nor "Allowed".`)];
    const results: CheckResult[] = [expectCustomerKey(nested(resource, `${settings}.sharingSettings.s3KmsKeyId`), "shared notebook output")];
    const output = nested(resource, `${settings}.sharingSettings.s3OutputPath`);
    if (output.state === "absent" || output.value === "") {
        results.push(fail(output, `Sharing is allowed but ${settings}.sharingSettings.s3OutputPath is not set; name an approved, encrypted bucket.`));
    }
    return results;
}

export default defineControl<unknown>({
    id: "aws-sagemaker-studio-sharing-restricted",
    title: "SageMaker Studio notebook sharing must be disabled or encrypted with a customer-managed key",
    severity: "medium",
    provider: "aws",
    rationale:
        "When notebook output sharing is allowed, Studio copies notebooks with their cell outputs (data samples, " +
        "credentials printed by mistake) to S3 for anyone with the link in the domain. Keep it disabled (the default), " +
        "or allow it only into a named bucket with a customer-managed key. A user profile that overrides the domain's " +
        "setting is judged on what it sets.",
    remediation: {
        terraform:
            'Set `default_user_settings.sharing_settings.notebook_output_option = "Disabled"` (and the same in any user profile\'s `user_settings`), or set `s3_kms_key_id` and `s3_output_path` next to `"Allowed"`.',
        pulumi:
            'Set `defaultUserSettings.sharingSettings.notebookOutputOption: "Disabled"` (and the same in any user profile\'s `userSettings`), or set `s3KmsKeyId` and `s3OutputPath` next to `"Allowed"`.',
    },
    frameworks: { "nist-800-53": ["AC-21", "SC-28"], "owasp-ml": ["ML05"] },
    tags: ["sagemaker", "studio", "data-sharing", "kms"],
    aliases: {},
    subjects: [types.sagemakerDomain, types.sagemakerUserProfile],
    scope: "resource",
    options: {},
    check(subject) {
        return judgeSharing(subject, subject.type === types.sagemakerDomain.token ? "defaultUserSettings" : "userSettings");
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } },
                    {
                        type: types.sagemakerDomain,
                        name: "studio",
                        props: { ...DOMAIN, defaultUserSettings: { executionRole: ROLE, sharingSettings: { notebookOutputOption: "Disabled" } } },
                    },
                    {
                        type: types.sagemakerUserProfile,
                        name: "alice",
                        props: {
                            domainId: ref("studio"),
                            userProfileName: "alice",
                            userSettings: {
                                executionRole: ROLE,
                                sharingSettings: { notebookOutputOption: "Allowed", s3KmsKeyId: ref("ml", "arn"), s3OutputPath: "s3://acme-ml-shared/alice" },
                            },
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.sagemakerDomain,
                        name: "studio",
                        props: { ...DOMAIN, defaultUserSettings: { executionRole: ROLE, sharingSettings: { notebookOutputOption: "Allowed", s3OutputPath: "s3://acme-ml-shared" } } },
                    },
                ],
                [
                    {
                        type: types.sagemakerUserProfile,
                        name: "alice",
                        props: { domainId: "d-0a1b2c3d", userProfileName: "alice", userSettings: { executionRole: ROLE, sharingSettings: { notebookOutputOption: "Allowed" } } },
                    },
                ],
            ],
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

  default_user_settings {
    execution_role = "${ROLE}"

    sharing_settings {
      notebook_output_option = "Disabled"
    }
  }
}

resource "aws_sagemaker_user_profile" "alice" {
  domain_id         = aws_sagemaker_domain.studio.id
  user_profile_name = "alice"

  user_settings {
    execution_role = "${ROLE}"

    sharing_settings {
      notebook_output_option = "Allowed"
      s3_kms_key_id          = aws_kms_key.ml.arn
      s3_output_path         = "s3://acme-ml-shared/alice"
    }
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

    sharing_settings {
      notebook_output_option = "Allowed"
      s3_output_path         = "s3://acme-ml-shared"
    }
  }
}
`,
                `resource "aws_sagemaker_user_profile" "alice" {
  domain_id         = "d-0a1b2c3d"
  user_profile_name = "alice"

  user_settings {
    execution_role = "${ROLE}"

    sharing_settings {
      notebook_output_option = "Allowed"
    }
  }
}
`,
            ],
        },
    },
});
