import { defineControl } from "../control";
import { allOf } from "../helpers/outcomes";
import { anyProp } from "../helpers/props";
import { expectIdList, nested } from "../helpers/sagemaker";
import { pass } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

const ROLE = "arn:aws:iam::111122223333:role/sagemaker-studio";
const DOMAIN = { domainName: "studio", authMode: "SSO", appNetworkAccessType: "VpcOnly", vpcId: "vpc-0a1b2c3d", subnetIds: ["subnet-0a1b2c3d"] };

/** An optional list: absent is fine (inherited or not used); present, it must hold at least one id. */
function optionalList(resource: Resource, path: string, what: string): CheckResult | undefined {
    const attr = anyProp(resource, path);
    return attr.state === "absent" ? undefined : expectIdList(resource, attr, what);
}

function judgeDomain(domain: Resource): CheckResult[] {
    const results = [expectIdList(domain, nested(domain, "defaultUserSettings.securityGroups"), "default user security groups")];
    for (const [path, what] of [
        ["domainSettings.securityGroupIds", "domain security groups"],
        ["defaultSpaceSettings.securityGroups", "default space security groups"],
    ]) {
        const r = optionalList(domain, path, what);
        if (r) results.push(r);
    }
    return allOf(domain, results, "The domain's users and apps run with explicit security groups.");
}

function judgeProfile(profile: Resource): CheckResult[] {
    const r = optionalList(profile, "userSettings.securityGroups", "user security groups");
    return [r ?? pass(profile, "The user profile inherits the domain's security groups.")];
}

export default defineControl<unknown>({
    id: "aws-sagemaker-studio-security-groups",
    title: "SageMaker Studio domains and user profiles must set security groups",
    severity: "medium",
    provider: "aws",
    rationale:
        "Security groups are the only egress control on a Studio app's network interface. A domain without default " +
        "user security groups leaves apps with the VPC's default group (or no customer control at all in " +
        "`PublicInternetOnly` mode), and a user profile that overrides them with an empty list removes them for that " +
        "user. A profile that sets none inherits the domain's, which is fine.",
    remediation: {
        terraform:
            "Set `default_user_settings.security_groups` on the `aws_sagemaker_domain` (and keep `domain_settings.security_group_ids` / `default_space_settings.security_groups` non-empty when set); never set `user_settings.security_groups = []` on a user profile.",
        pulumi:
            "Set `defaultUserSettings.securityGroups` on the `aws.sagemaker.Domain` (and keep `domainSettings.securityGroupIds` / `defaultSpaceSettings.securityGroups` non-empty when set); never set `userSettings.securityGroups: []` on a user profile.",
    },
    frameworks: { "nist-800-53": ["SC-7(5)", "AC-4"] },
    tags: ["sagemaker", "studio", "network"],
    aliases: {},
    subjects: [types.sagemakerDomain, types.sagemakerUserProfile],
    scope: "resource",
    options: {},
    check(subject) {
        return subject.type === types.sagemakerDomain.token ? judgeDomain(subject) : judgeProfile(subject);
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.ec2SecurityGroup, name: "studio-sg", props: { vpcId: "vpc-0a1b2c3d" } },
                    {
                        type: types.sagemakerDomain,
                        name: "studio",
                        props: { ...DOMAIN, defaultUserSettings: { executionRole: ROLE, securityGroups: [ref("studio-sg")] } },
                    },
                    { type: types.sagemakerUserProfile, name: "alice", props: { domainId: ref("studio"), userProfileName: "alice" } },
                ],
            ],
            bad: [
                [{ type: types.sagemakerDomain, name: "studio", props: { ...DOMAIN, defaultUserSettings: { executionRole: ROLE } } }],
                [
                    {
                        type: types.sagemakerUserProfile,
                        name: "alice",
                        props: { domainId: "d-0a1b2c3d", userProfileName: "alice", userSettings: { executionRole: ROLE, securityGroups: [] } },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_security_group" "studio" {
  vpc_id = "vpc-0a1b2c3d"
}

resource "aws_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "SSO"
  app_network_access_type = "VpcOnly"
  vpc_id                  = "vpc-0a1b2c3d"
  subnet_ids              = ["subnet-0a1b2c3d"]

  default_user_settings {
    execution_role  = "${ROLE}"
    security_groups = [aws_security_group.studio.id]
  }
}

resource "aws_sagemaker_user_profile" "alice" {
  domain_id         = aws_sagemaker_domain.studio.id
  user_profile_name = "alice"
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
                `resource "aws_sagemaker_user_profile" "alice" {
  domain_id         = "d-0a1b2c3d"
  user_profile_name = "alice"

  user_settings {
    execution_role  = "${ROLE}"
    security_groups = []
  }
}
`,
            ],
        },
    },
});
