import control from "../../catalog/controls/aws-sagemaker-studio-hardened";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const HARDENED = { executionRoleIdentityConfig: "USER_PROFILE_NAME", dockerSettings: { enableDockerAccess: "DISABLED" } };
const domain = (props: Record<string, unknown>) => [{ type: types.sagemakerDomain, name: "d", props: { domainName: "d", authMode: "SSO", domainSettings: HARDENED, ...props } }];
const space = (props: Record<string, unknown>) => [{ type: types.sagemakerSpace, name: "s", props: { domainId: "d-1", spaceName: "team-lab", ...props } }];

edgeCases(control, [
    { name: "a hardened SSO domain passes once", resources: domain({}), expect: ["pass"] },
    { name: "IAM auth fails", resources: domain({ authMode: "IAM" }), expect: ["fail"], message: /authentication mode/ },
    { name: "no source identity fails: the default is DISABLED", resources: domain({ domainSettings: { dockerSettings: { enableDockerAccess: "DISABLED" } } }), expect: ["fail"], evidence: "DISABLED" },
    { name: "no domain settings at all fail once for source identity", resources: domain({ domainSettings: undefined }), expect: ["fail"] },
    { name: "Docker enabled fails", resources: domain({ domainSettings: { ...HARDENED, dockerSettings: { enableDockerAccess: "ENABLED" } } }), expect: ["fail"], message: /Docker/ },
    { name: "everything weak gives three failures", resources: domain({ authMode: "IAM", domainSettings: { dockerSettings: { enableDockerAccess: "ENABLED" } } }), expect: ["fail", "fail", "fail"] },
    { name: "a computed auth mode is not verifiable", resources: domain({ authMode: UNKNOWN }), expect: ["unknown"] },
    { name: "a computed docker setting is not verifiable", resources: domain({ domainSettings: { ...HARDENED, dockerSettings: UNKNOWN } }), expect: ["unknown"] },
    { name: "a private space passes", resources: space({ spaceSharingSettings: { sharingType: "Private" } }), expect: ["pass"] },
    { name: "a space without sharing settings is private", resources: space({}), expect: ["pass"] },
    { name: "a shared space fails", resources: space({ spaceSharingSettings: { sharingType: "Shared" } }), expect: ["fail"], message: /sharedSpaces/ },
    { name: "a shared space approved in sharedSpaces passes", resources: space({ spaceSharingSettings: { sharingType: "Shared" } }), settings: { sharedSpaces: ["team-lab"] }, expect: ["pass"] },
    { name: "a computed sharing type is not verifiable", resources: space({ spaceSharingSettings: { sharingType: UNKNOWN } }), expect: ["unknown"] },
]);
