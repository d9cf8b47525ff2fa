import control from "../../catalog/controls/aws-ecr-scan-on-push";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const repo = (props: Record<string, unknown> = {}) => ({ type: types.ecrRepository, name: "r", props: { name: "churn-inference", ...props } });
const registry = (scanType: unknown, rules: unknown) => ({ type: types.ecrRegistryScanningConfiguration, name: "registry", props: { scanType, rules } });
const rule = (scanFrequency: unknown, filter: unknown) => ({ scanFrequency, repositoryFilters: [{ filter, filterType: "WILDCARD" }] });

edgeCases(control, [
    { name: "scanOnPush true passes", resources: [repo({ imageScanningConfiguration: { scanOnPush: true } })], expect: ["pass"] },
    { name: "absent fails: manual scans only", resources: [repo()], expect: ["fail"], message: /not scanned on push/ },
    { name: "scanOnPush false fails at the attribute", resources: [repo({ imageScanningConfiguration: { scanOnPush: false } })], expect: ["fail"], evidence: false },
    { name: "a computed scanOnPush is not verifiable", resources: [repo({ imageScanningConfiguration: { scanOnPush: UNKNOWN } })], expect: ["unknown"] },
    { name: "ENHANCED continuous scanning of every repository passes", resources: [registry("ENHANCED", [rule("CONTINUOUS_SCAN", "*")]), repo()], expect: ["pass"], message: /registry/ },
    { name: "a registry rule matching the name passes", resources: [registry("ENHANCED", [rule("SCAN_ON_PUSH", "churn-*")]), repo()], expect: ["pass"] },
    { name: "BASIC scan-on-push rules pass", resources: [registry("BASIC", [rule("SCAN_ON_PUSH", "*")]), repo()], expect: ["pass"] },
    { name: "BASIC continuous is not a thing and fails", resources: [registry("BASIC", [rule("CONTINUOUS_SCAN", "*")]), repo()], expect: ["fail"] },
    { name: "a MANUAL rule does not scan on push", resources: [registry("ENHANCED", [rule("MANUAL", "*")]), repo()], expect: ["fail"] },
    { name: "a rule for other repositories does not count", resources: [registry("ENHANCED", [rule("SCAN_ON_PUSH", "web-*")]), repo()], expect: ["fail"] },
    { name: "a computed repository name against a narrow filter is not verifiable", resources: [registry("ENHANCED", [rule("SCAN_ON_PUSH", "churn-*")]), repo({ name: UNKNOWN })], expect: ["unknown"] },
    { name: "computed rules are not verifiable", resources: [registry("ENHANCED", UNKNOWN), repo()], expect: ["unknown"] },
    { name: "a computed scan type is not verifiable", resources: [registry(UNKNOWN, [rule("SCAN_ON_PUSH", "*")]), repo()], expect: ["unknown"] },
    { name: "odd rule shapes fail without throwing", resources: [registry("ENHANCED", ["x", 3, { repositoryFilters: "y" }]), repo()], expect: ["fail"] },
    {
        name: "a registry filter taken from the repository's own name matches it (joined)",
        resources: [repo({ name: UNKNOWN }), { ...registry("ENHANCED", [rule("SCAN_ON_PUSH", UNKNOWN)]), deps: { rules: ["r"] } }],
        expect: ["pass"],
    },
]);
