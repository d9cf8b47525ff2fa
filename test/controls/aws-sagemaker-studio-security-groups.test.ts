import control from "../../catalog/controls/aws-sagemaker-studio-security-groups";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const ROLE = "arn:aws:iam::1:role/r";
const domain = (props: Record<string, unknown>) => [{ type: types.sagemakerDomain, name: "d", props: { domainName: "d", authMode: "SSO", ...props } }];
const profile = (userSettings: unknown) => [{ type: types.sagemakerUserProfile, name: "p", props: { domainId: "d-1", userProfileName: "p", userSettings } }];

edgeCases(control, [
    { name: "default user security groups pass", resources: domain({ defaultUserSettings: { executionRole: ROLE, securityGroups: ["sg-1"] } }), expect: ["pass"] },
    { name: "no default user security groups fail", resources: domain({ defaultUserSettings: { executionRole: ROLE } }), expect: ["fail"], message: /security groups/ },
    { name: "an empty list fails", resources: domain({ defaultUserSettings: { executionRole: ROLE, securityGroups: [] } }), expect: ["fail"] },
    { name: "computed groups are present", resources: domain({ defaultUserSettings: { executionRole: ROLE, securityGroups: UNKNOWN } }), expect: ["pass"] },
    { name: "a computed settings block is not verifiable", resources: domain({ defaultUserSettings: UNKNOWN }), expect: ["unknown"] },
    {
        name: "an empty domain-settings list fails next to good user groups",
        resources: domain({ defaultUserSettings: { executionRole: ROLE, securityGroups: ["sg-1"] }, domainSettings: { securityGroupIds: [] } }),
        expect: ["fail"],
    },
    {
        name: "an empty default-space list fails",
        resources: domain({ defaultUserSettings: { executionRole: ROLE, securityGroups: ["sg-1"] }, defaultSpaceSettings: { executionRole: ROLE, securityGroups: [] } }),
        expect: ["fail"],
    },
    { name: "a profile without settings inherits and passes", resources: [{ type: types.sagemakerUserProfile, name: "p", props: { domainId: "d-1", userProfileName: "p" } }], expect: ["pass"] },
    { name: "a profile without groups inherits and passes", resources: profile({ executionRole: ROLE }), expect: ["pass"] },
    { name: "a profile overriding with groups passes", resources: profile({ executionRole: ROLE, securityGroups: ["sg-2"] }), expect: ["pass"] },
    { name: "a profile overriding with an empty list fails", resources: profile({ executionRole: ROLE, securityGroups: [] }), expect: ["fail"] },
    { name: "a profile with an empty id fails", resources: profile({ executionRole: ROLE, securityGroups: [""] }), expect: ["fail"] },
]);

terraformCases(control, [
    {
        name: "a missing list points at the default_user_settings block",
        files: {
            "main.tf": `resource "aws_sagemaker_domain" "d" {
  domain_name = "d"
  auth_mode   = "SSO"
  vpc_id      = "vpc-1"
  subnet_ids  = ["subnet-1"]

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/r"
  }
}
`,
        },
        expect: ["fail"],
        failsAt: "default_user_settings",
    },
]);
