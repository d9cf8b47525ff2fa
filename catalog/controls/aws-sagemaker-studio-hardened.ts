import { defineControl } from "../control";
import { stringList } from "../helpers/coerce";
import { allOf } from "../helpers/outcomes";
import { anyProp, prop } from "../helpers/props";
import { literal, nested } from "../helpers/sagemaker";
import { expectOneOf, fail, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

const ROLE = "arn:aws:iam::111122223333:role/sagemaker-studio";
const DOMAIN = { domainName: "studio", appNetworkAccessType: "VpcOnly", vpcId: "vpc-0a1b2c3d", subnetIds: ["subnet-0a1b2c3d"], defaultUserSettings: { executionRole: ROLE } };
const HARDENED = { executionRoleIdentityConfig: "USER_PROFILE_NAME", dockerSettings: { enableDockerAccess: "DISABLED" } };

type Options = { sharedSpaces: string[] };

function judgeDomain(domain: Resource): CheckResult[] {
    const results: CheckResult[] = [
        expectOneOf(prop(domain, "authMode"), ["SSO"], { defaultValue: "IAM", what: "The authentication mode" }),
        expectOneOf(nested(domain, "domainSettings.executionRoleIdentityConfig"), ["USER_PROFILE_NAME"], {
            defaultValue: "DISABLED",
            what: "Source identity (executionRoleIdentityConfig)",
        }),
    ];
    const docker = nested(domain, "domainSettings.dockerSettings.enableDockerAccess");
    if (docker.state === "unknown") results.push(unknown(docker, "Whether Docker access is enabled is computed; it cannot be checked yet."));
    else if (docker.value === "ENABLED") results.push(fail(docker, "Docker access is enabled for the domain's apps; set enableDockerAccess to DISABLED."));
    else results.push(pass(docker, "Docker access is disabled."));
    return allOf(domain, results, "The domain uses IAM Identity Center, records each user's source identity and keeps Docker off.");
}

function judgeSpace(space: Resource, options: Options): CheckResult[] {
    const sharing = nested(space, "spaceSharingSettings.sharingType");
    if (sharing.state === "unknown") return [unknown(sharing, "The space's sharing type is computed; it cannot be checked yet.")];
    if (sharing.state === "absent" || sharing.value === "Private") return [pass(sharing, "The space is private.")];
    const name = literal(anyProp(space, "spaceName"));
    if (name !== undefined && stringList(options.sharedSpaces).includes(name)) return [pass(sharing, "The space is shared and approved for sharing (sharedSpaces).")];
    return [fail(sharing, 'The space is shared with the whole domain; set sharingType to "Private" or list the space in sharedSpaces.')];
}

export default defineControl<unknown, Options>({
    id: "aws-sagemaker-studio-hardened",
    title: "SageMaker Studio domains and spaces must be hardened: SSO, source identity, no Docker, private spaces",
    severity: "low",
    provider: "aws",
    rationale:
        "Four settings decide who did what in Studio and how far an app can reach. IAM Identity Center (`SSO`) ties " +
        "each profile to a person; `USER_PROFILE_NAME` source identity records that person in CloudTrail for every " +
        "call made with the shared execution role (the default, `DISABLED`, does not); Docker access lets apps build " +
        "and run arbitrary images; and a shared space exposes its files and running kernels to every user of the domain.",
    remediation: {
        terraform:
            'On the domain set `auth_mode = "SSO"`, `domain_settings.execution_role_identity_config = "USER_PROFILE_NAME"` and keep `domain_settings.docker_settings.enable_docker_access` unset or `"DISABLED"`; on spaces set `space_sharing_settings.sharing_type = "Private"`.',
        pulumi:
            'On the domain set `authMode: "SSO"`, `domainSettings.executionRoleIdentityConfig: "USER_PROFILE_NAME"` and keep `domainSettings.dockerSettings.enableDockerAccess` unset or `"DISABLED"`; on spaces set `spaceSharingSettings.sharingType: "Private"`.',
    },
    frameworks: { prowler: ["sagemaker_domain_sso_configured"], "nist-800-53": ["IA-2", "AU-3", "CM-7"] },
    tags: ["sagemaker", "studio", "identity"],
    aliases: {},
    subjects: [types.sagemakerDomain, types.sagemakerSpace],
    scope: "resource",
    options: {
        sharedSpaces: {
            description: "Names of spaces approved for sharing across the domain.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(subject, { options }) {
        return subject.type === types.sagemakerDomain.token ? judgeDomain(subject) : judgeSpace(subject, options);
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.sagemakerDomain, name: "studio", props: { ...DOMAIN, authMode: "SSO", domainSettings: HARDENED } },
                    { type: types.sagemakerSpace, name: "alice-lab", props: { domainId: ref("studio"), spaceName: "alice-lab", spaceSharingSettings: { sharingType: "Private" } } },
                ],
            ],
            bad: [
                [{ type: types.sagemakerDomain, name: "studio", props: { ...DOMAIN, authMode: "IAM" } }],
                [{ type: types.sagemakerSpace, name: "team-lab", props: { domainId: "d-0a1b2c3d", spaceName: "team-lab", spaceSharingSettings: { sharingType: "Shared" } } }],
            ],
        },
        terraform: {
            good: [
                `resource "aws_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "SSO"
  app_network_access_type = "VpcOnly"
  vpc_id                  = "vpc-0a1b2c3d"
  subnet_ids              = ["subnet-0a1b2c3d"]

  default_user_settings {
    execution_role = "${ROLE}"
  }

  domain_settings {
    execution_role_identity_config = "USER_PROFILE_NAME"

    docker_settings {
      enable_docker_access = "DISABLED"
    }
  }
}

resource "aws_sagemaker_space" "alice_lab" {
  domain_id  = aws_sagemaker_domain.studio.id
  space_name = "alice-lab"

  space_sharing_settings {
    sharing_type = "Private"
  }
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "IAM"
  app_network_access_type = "VpcOnly"
  vpc_id                  = "vpc-0a1b2c3d"
  subnet_ids              = ["subnet-0a1b2c3d"]

  default_user_settings {
    execution_role = "${ROLE}"
  }
}
`,
                `resource "aws_sagemaker_space" "team_lab" {
  domain_id  = "d-0a1b2c3d"
  space_name = "team-lab"

  space_sharing_settings {
    sharing_type = "Shared"
  }
}
`,
            ],
        },
    },
});
